using TypingRace.Grains.Hosting;
using TypingRace.ServiceDefaults;

if (Probe.Requested(args, out var probed))
{
    return probed;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UseOrleans(silo => silo.UseTypingRaceClustering(builder.Configuration).AddTypingRaceGrains(builder.Configuration));

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
return 0;
