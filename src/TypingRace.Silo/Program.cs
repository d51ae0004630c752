using TypingRace.Grains.Hosting;
using TypingRace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UseOrleans(silo => silo.UseTypingRaceClustering(builder.Configuration).AddTypingRaceGrains(builder.Configuration));

var app = builder.Build();
app.MapServiceDefaults();
app.Run();
