using TypingRace.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTypingRaceGateway();

var app = builder.Build();
app.MapTypingRaceGateway();
app.Run();
