using Microsoft.AspNetCore.HttpOverrides;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Edge;

/// <summary>What the gateway does before any endpoint: the client's real address, the security headers, the origin check.</summary>
public static class EdgeExtensions
{
    public static WebApplicationBuilder AddEdge(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EdgeOptions.Section);
        builder.Services.AddOptions<EdgeOptions>().Bind(section)
            .Validate(edge => edge.Valid(), "Edge:TrustedProxies must be addresses or networks, and Edge:AllowedOrigins origins such as https://typing.example.org.")
            .ValidateOnStart();
        var edge = section.Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk X-Forwarded-For from the right through every trusted hop: the first address not trusted is the client.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (edge.Valid())
            {
                foreach (var network in edge.TrustedNetworks())
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        builder.Services.AddSingleton<OriginCheck>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseEdge(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        var origins = app.Services.GetRequiredService<OriginCheck>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(RaceHubRoutes.Path), hub => hub.Use(next => context => origins.Hold(context, next)));
        return app;
    }
}
