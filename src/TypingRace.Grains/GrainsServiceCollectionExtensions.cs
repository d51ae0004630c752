using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>What the grains need from any host that runs them: guides, room settings and a clock.</summary>
    public static IServiceCollection AddTypingRaceGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GuideOptions>().Bind(configuration.GetSection(GuideOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoomOptions>()
            .Bind(configuration.GetSection(RoomOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoomOptions>, RoomOptionsValidator>();
        services.AddSingleton<GuideCatalog>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Names each broken Rooms setting, so a bad deployment fails at start with a useful message.</summary>
    private sealed class RoomOptionsValidator : IValidateOptions<RoomOptions>
    {
        public ValidateOptionsResult Validate(string? name, RoomOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
