package dev.operon.core.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who is calling: {@code GET /api/v1/me}.
 *
 * @param actorType {@code operator} or {@code api-key}
 * @param name      the operator's user name or the key id
 * @param roles     every role held, sorted
 * @param scopes    an API key's scopes; absent for operators
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Me(String actorType, String name, List<String> roles, List<String> scopes) {
}
