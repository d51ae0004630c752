using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Rooms;
using TypingRace.Grains.Rooms.Rules;

namespace TypingRace.Grains.Ghosts;

/// <summary>
/// Finds the runs a player asked to race (their best, their class's median, a replay's racers), has their race grains
/// make ghosts of them, and seats those in the player's room or a new one the player hosts.
/// </summary>
[StatelessWorker]
public sealed partial class GhostRaceGrain(GuideCatalog guides, IOptions<RoomOptions> options, ILogger<GhostRaceGrain> logger) : Grain, IGhostRaceGrain
{
    public async Task<Reply<GhostRace>> Open(string playerId, GhostRequest request)
    {
        var (choice, seats, refused) = await Where(playerId, request);
        if (refused is not null)
        {
            return new Reply<GhostRace>(null, refused);
        }

        var runs = await Runs(playerId, request, choice, seats);
        if (runs.Value is not { Length: > 0 } ghosts)
        {
            return new Reply<GhostRace>(null, runs.Error);
        }

        if (request.RoomCode is null && ghosts.Length > seats)
        {
            // Refused before the player is moved to a room the ghosts would not fit.
            return Reply<GhostRace>.Fail(ErrorCodes.RoomFull, $"A room seats {seats} ghosts beside you; {ghosts.Length} were named.");
        }

        var code = request.RoomCode ?? await RoomOpening.CreateFor(GrainFactory, playerId, ghosts[0].Passage);
        if (code is null)
        {
            return Reply<GhostRace>.Fail(ErrorCodes.RoomUnavailable, "No room could be opened for the race; try again.");
        }

        if (await GrainFactory.GetGrain<IRoomGrain>(code).AddGhosts(playerId, ghosts) is { Error: { } notSeated })
        {
            return new Reply<GhostRace>(null, notSeated);
        }

        LogGhostRace(logger, playerId, request.Kind, code, ghosts.Length);
        return Reply<GhostRace>.Ok(new GhostRace(code, [.. ghosts.Select(g => g.Name)]));
    }

    /// <summary>The passage the ghosts must have run, and how many seats they may take; in a room, only its host may ask.</summary>
    private async Task<(PassageChoice? Choice, int Seats, RaceError? Refused)> Where(string playerId, GhostRequest request)
    {
        if (request.RoomCode is not { } code)
        {
            return (request.Passage, options.Value.MaxMembers - 1, null);
        }

        return await GrainFactory.GetGrain<IRoomGrain>(code).GetView() switch
        {
            null => (null, 0, new RaceError(ErrorCodes.RoomNotFound, $"No room has the code {code}.")),
            { } room when room.Members.All(m => m.PlayerId != playerId) => (null, 0, RoomRules.NotInRoom),
            { } room when room.HostId != playerId => (null, 0, new RaceError(ErrorCodes.NotHost, "Only the host can seat ghosts.")),
            { } room => (new PassageChoice(room.Guide.Id, room.Passage.FirstParagraphIndex, room.Passage.Length), options.Value.MaxMembers - room.Members.Length, null),
        };
    }

    private async Task<Reply<GhostRun[]>> Runs(string playerId, GhostRequest request, PassageChoice? choice, int seats)
    {
        switch (request.Kind)
        {
            case GhostKind.Replay:
                if (request.RaceId is not { } raceId || await Race(raceId).Ghosts(request.PlayerIds) is not { } replayed)
                {
                    return Reply<GhostRun[]>.Fail(ErrorCodes.RaceNotFound, $"There is no finished race '{request.RaceId}'.");
                }

                // As many as fit, best place first; racers named one by one must all fit, or the room says so.
                return request.PlayerIds is null && replayed.Value is { } all ? Reply<GhostRun[]>.Ok([.. all.Take(Math.Max(1, seats))]) : replayed;

            case GhostKind.Best or GhostKind.Class when choice is null:
                return Reply<GhostRun[]>.Fail(ErrorCodes.BadGhostRace, "Say which passage to race: a room, or a guide, a paragraph and a length.");

            case GhostKind.Class when request.CohortCode is null:
                return Reply<GhostRun[]>.Fail(ErrorCodes.BadGhostRace, "Say which cohort's class to race.");

            case GhostKind.Best or GhostKind.Class:
                if (await guides.Find(choice!.GuideId) is not { } guide)
                {
                    return Reply<GhostRun[]>.Fail(ErrorCodes.GuideNotFound, $"There is no guide '{choice.GuideId}'.");
                }

                if (ParagraphRange.Refusal(guide.Id, guide.Paragraphs.Count, choice.ParagraphIndex) is { } outOfRange)
                {
                    return Reply<GhostRun[]>.Fail(ErrorCodes.ParagraphOutOfRange, outOfRange);
                }

                var firstParagraphId = PassageBuilder.Build(guide, choice.ParagraphIndex, choice.Length).FirstParagraphId;

                return request.Kind == GhostKind.Best
                    ? await Best(playerId, BoardKeys.PassageId(firstParagraphId, choice!.Length))
                    : await Class(playerId, request.CohortCode!, firstParagraphId, choice!.Length);

            default:
                return Reply<GhostRun[]>.Fail(ErrorCodes.BadGhostRace, "A ghost race is of your best, your class or a replay.");
        }
    }

    private async Task<Reply<GhostRun[]>> Best(string playerId, string passageId) =>
        await GrainFactory.GetGrain<IPlayerGrain>(playerId).BestRunOn(passageId) is { } raceId
            ? Named(await Race(raceId).Ghosts([playerId]), run => $"{run.Name} (best)")
            : Reply<GhostRun[]>.Fail(ErrorCodes.NoRunYet, "You have no finished, unflagged run of this passage yet: race it once, then race your best.");

    private async Task<Reply<GhostRun[]>> Class(string playerId, string cohortCode, string firstParagraphId, PassageLength length)
    {
        var median = await GrainFactory.GetGrain<ICohortGrain>(cohortCode).ClassRun(playerId, firstParagraphId, length);
        return median.Value is { } run
            ? Named(await Race(run.RaceId).Ghosts([run.PlayerId]), _ => string.Create(CultureInfo.InvariantCulture, $"Class median ({run.Runs} runs)"))
            : new Reply<GhostRun[]>(null, median.Error);
    }

    private IRaceGrain Race(string raceId) => GrainFactory.GetGrain<IRaceGrain>(raceId);

    private static Reply<GhostRun[]> Named(Reply<GhostRun[]>? ghosts, Func<GhostRun, string> name) =>
        ghosts?.Value is { } runs ? Reply<GhostRun[]>.Ok([.. runs.Select(run => run with { Name = name(run) })])
        : ghosts ?? Reply<GhostRun[]>.Fail(ErrorCodes.ReplayUnavailable, "That run's race is no longer kept.");


    [LoggerMessage(Level = LogLevel.Information, Message = "Player {PlayerId} races {Kind} ghosts in room {RoomCode}: {Ghosts} seated.")]
    private static partial void LogGhostRace(ILogger logger, string playerId, GhostKind kind, string roomCode, int ghosts);
}
