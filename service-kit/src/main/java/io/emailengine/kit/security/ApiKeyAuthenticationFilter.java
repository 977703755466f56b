package io.emailengine.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the key from {@code X-API-Key} (or {@code Authorization: Bearer}) and, when it matches,
 * authenticates the request as its tenant or as admin. A missing or wrong key leaves the request
 * anonymous; the authorization rules then answer 401.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";
    private final ApiKeyRegistry registry;

    public ApiKeyAuthenticationFilter(ApiKeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        registry.authenticate(presentedKey(request)).ifPresent(principal ->
                SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(principal)));
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            String authorization = request.getHeader("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7);
            }
        }
        return key == null ? null : key.strip();
    }

    /** An authenticated API key; never carries the key itself. */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final TenantPrincipal principal;

        ApiKeyAuthentication(TenantPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority(principal.admin() ? "ROLE_ADMIN" : "ROLE_TENANT")));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public TenantPrincipal getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.keyName();
        }
    }
}
