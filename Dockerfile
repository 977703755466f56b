# One image per service: docker build --build-arg SERVICE=warmup-service -t email-engine/warmup-service .
# Build stage: the Maven Wrapper builds only the chosen service and what it depends on.
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN test -n "$SERVICE" && ./mvnw -B -q -DskipTests -pl "$SERVICE" -am package

# Run stage: JRE only, an unprivileged user, nothing writable but /tmp.
FROM eclipse-temurin:17-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/service.jar
USER 10001:10001
EXPOSE 8080
ENV SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
