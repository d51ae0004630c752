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
            .Validate(edge => edge.Valid(), "Edge:TrustedProxies must be addresses or networks, Edge:ForwardLimit 1 to 10, and Edge:AllowedOrigins origins such as https://typing.example.org.")
            .ValidateOnStart();
        var edge = section.Get<EdgeOptions>() ?? new EdgeOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the hops the operator names are read from the right of X-Forwarded-For: whatever a client put to
            // the left of them is its own say-so, even when it comes from an address in a trusted network.
            forwarded.ForwardLimit = edge.ForwardLimit;
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
