# The TypingRace silo: the Orleans server that runs the rooms, races and players. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t typingrace-silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TypingRace.Silo -c Release -o /app

# Chiseled: no shell, no package manager, and a non-root user of its own.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# 11111 silo to silo, 30000 for gateways, 8080 for probes, 9464 for Prometheus only; JSON logs.
ENV ASPNETCORE_URLS="http://+:8080;http://+:9464" \
    Management__Port=9464 \
    Logging__Console__FormatterName=json
EXPOSE 11111 30000 8080 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "TypingRace.Silo.dll", "--probe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["dotnet", "TypingRace.Silo.dll"]
