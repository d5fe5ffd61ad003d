# syntax=docker/dockerfile:1.7-labs
# The web front-end (Blazor Server; several replicas need a shared data-protection key ring and sticky sessions). Build from the repository root: docker build -f deploy/docker/web.Dockerfile -t moderation/web .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, on the project files alone, so a code change does not re-download packages.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY --parents marketplace/*/*.csproj inference/*/*.csproj training/*/*.csproj ./
RUN dotnet restore marketplace/Marketplace.Web/Marketplace.Web.csproj
COPY . .
RUN dotnet publish marketplace/Marketplace.Web/Marketplace.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check; the image's non-root user (APP_UID) runs the service.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./

USER $APP_UID
# Urls (not ASPNETCORE_URLS): an unprefixed variable outranks an appsettings.json "Urls".
ENV Urls=http://+:8080 ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "Marketplace.Web.dll"]
