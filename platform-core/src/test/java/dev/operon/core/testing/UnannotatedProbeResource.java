package dev.operon.core.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint without any security annotation: it must be denied to everyone. */
@Path("/api/v1/test-only/unannotated")
public class UnannotatedProbeResource {

    @GET
    public String probe() {
        return "this should never be served";
    }
}
