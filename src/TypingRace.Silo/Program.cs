using TypingRace.ServiceDefaults;
using TypingRace.Silo;

if (Probe.Requested(args, out var probed))
{
    return probed;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddTypingRaceSilo();

var app = builder.Build();
app.MapTypingRaceSilo();
app.Run();
return 0;
