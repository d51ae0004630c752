using TypingRace.Gateway.Hosting;
using TypingRace.ServiceDefaults;

if (Probe.Requested(args, out var probed))
{
    return probed;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTypingRaceGateway();

var app = builder.Build();
app.MapTypingRaceGateway();
app.Run();
return 0;
