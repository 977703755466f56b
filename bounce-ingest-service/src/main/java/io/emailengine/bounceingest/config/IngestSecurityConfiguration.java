package io.emailengine.bounceingest.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.kit.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The accounting push endpoint is called by PowerMTA pipes and log shippers, not by tenants: it is
 * authenticated with a per-source ingest token instead of a kit API key. This chain runs before the
 * kit's (which would demand an API key) and applies to that one path only.
 */
@Configuration(proxyBeanMethods = false)
public class IngestSecurityConfiguration {

    public static final String PATH = "/api/v1/accounting";
    public static final String TOKEN_HEADER = "X-Ingest-Token";

    @Bean
    @Order(1)
    SecurityFilterChain ingestTokenFilterChain(HttpSecurity http, BounceIngestProperties properties, ObjectMapper mapper,
                                               Clock clock) throws Exception {
        IngestTokens tokens = new IngestTokens(properties.sources());
        http.securityMatcher(PATH)
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new IngestTokenFilter(tokens), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("INGEST"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setStatus(HttpStatus.UNAUTHORIZED.value());
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"accounting\"");
                            mapper.writeValue(response.getOutputStream(), new ApiError(401, "Unauthorized",
                                    "a valid ingest token is required (header " + TOKEN_HEADER + " or Authorization: Bearer)",
                                    request.getRequestURI(), List.of(), clock.instant()));
                        }));
        return http.build();
    }

    /** Configured token hashes, compared in constant time against every entry (like the kit's API keys). */
    static final class IngestTokens {

        private final List<Entry> entries;

        IngestTokens(List<BounceIngestProperties.Source> sources) {
            this.entries = sources.stream()
                    .map(source -> new Entry(source.name(), HexFormat.of().parseHex(source.tokenHash().substring("sha256:".length()))))
                    .toList();
        }

        String sourceOf(String token) {
            if (token == null || token.isEmpty()) {
                return null;
            }
            byte[] presented = sha256(token);
            String match = null;
            for (Entry entry : entries) {
                if (MessageDigest.isEqual(entry.hash, presented) && match == null) {
                    match = entry.source;
                }
            }
            return match;
        }

        private static byte[] sha256(String token) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        private record Entry(String source, byte[] hash) {
        }
    }

    static final class IngestTokenFilter extends OncePerRequestFilter {

        private final IngestTokens tokens;

        IngestTokenFilter(IngestTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String source = tokens.sourceOf(presented(request));
            if (source != null) {
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        source, null, List.of(new SimpleGrantedAuthority("ROLE_INGEST"))));
            }
            chain.doFilter(request, response);
        }

        private static String presented(HttpServletRequest request) {
            String token = request.getHeader(TOKEN_HEADER);
            if (token == null) {
                String authorization = request.getHeader("Authorization");
                if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    token = authorization.substring(7);
                }
            }
            return token == null ? null : token.strip();
        }
    }
}
