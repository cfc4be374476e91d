package dev.operon.core.security;

import dev.operon.core.api.RequestIds;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns HTTP Basic credentials into an operator identity through {@link OperatorLogins}. */
@ApplicationScoped
public class OperatorIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    OperatorLogins logins;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String source = request.getAttribute(OperonAuthMechanism.SOURCE);
        String requestId = RequestIds.current();
        return context.runBlocking(() -> logins.login(request.getUsername(),
                new String(request.getPassword().getPassword()), source, requestId));
    }
}
