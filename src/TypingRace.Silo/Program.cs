using TypingRace.Grains.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseTypingRaceClustering(builder.Configuration).AddTypingRaceGrains(builder.Configuration));
builder.Services.AddHealthChecks().AddCheck<LifecycleHealthCheck>("lifecycle");

var app = builder.Build();
app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/readyz");
app.Run();
