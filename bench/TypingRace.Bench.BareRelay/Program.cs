using TypingRace.Bench.BareRelay;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<RelayRooms>();
builder.Services.AddSignalR().AddMessagePackProtocol();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHub<RelayHub>(RelayHub.Path);
app.MapHealthChecks("/healthz");
app.Run();
