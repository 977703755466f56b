package io.emailengine.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * One security policy for every service: health and metrics are open (probes and Prometheus
 * carry no key), {@code /api/v1/admin/**} needs the admin scope, everything else needs a valid
 * API key. Stateless, no sessions, no form login, no generated password.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class KitSecurityConfiguration {

    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info", "/error"};
    static final String[] API_DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    ApiKeyRegistry apiKeyRegistry(EmailEngineProperties properties) {
        return new ApiKeyRegistry(properties.security().apiKeys());
    }

    /** Keys are checked by the filter; this only stops Spring Boot from creating a default user. */
    @Bean
    AuthenticationManager noPasswordAuthentication() {
        return authentication -> {
            throw new ProviderNotFoundException("only API keys are accepted");
        };
    }

    @Bean
    SecurityFilterChain apiKeyFilterChain(HttpSecurity http, ApiKeyRegistry registry, EmailEngineProperties properties,
                                          ObjectMapper mapper, Clock clock) throws Exception {
        List<String> open = new ArrayList<>(List.of(OPEN));
        if (properties.security().openApiDocs()) {
            open.addAll(List.of(API_DOCS));
        }
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(registry), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, request, HttpStatus.UNAUTHORIZED, "a valid API key is required (header "
                                        + ApiKeyAuthenticationFilter.HEADER + ")", mapper, clock))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, request, HttpStatus.FORBIDDEN, "this API key may not do that", mapper, clock)));
        return http.build();
    }

    private static void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String message,
                              ObjectMapper mapper, Clock clock) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
        }
        mapper.writeValue(response.getOutputStream(), new ApiError(status.value(), status.getReasonPhrase(), message,
                request.getRequestURI(), List.of(), clock.instant()));
    }
}
