using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using CsvHelper;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Rooms;
using Microsoft.Extensions.Options;
using TypingRace.Gateway.Identity;
using TypingRace.Gateway.Limits;
using TypingRace.Grains.Guides;

namespace TypingRace.Gateway.Api;

/// <summary>The cohorts of docs/cohorts.md: students act with their player token, instructors with X-Instructor-Key.</summary>
public static class CohortEndpoints
{
    public const string InstructorKeyHeader = "X-Instructor-Key";

    public sealed record CreateCohortRequest(string? Name);

    /// <param name="InstructorKey">Shown this once; the server keeps only its hash.</param>
    public sealed record CreatedCohort(string Code, string Name, string Link, string InstructorKey);

    public sealed record RoundRequest(string? GuideId, int? ParagraphIndex, string? Length);

    public sealed record CreateCompetitionRequest(string? Name, RoundRequest[]? Rounds);

    public static IEndpointRouteBuilder MapCohortEndpoints(this IEndpointRouteBuilder app)
    {
        var cohorts = app.MapGroup("/api/cohorts").ChargeCodeProbes();
        cohorts.MapPost("/", Create).RequireAuthorization().RequireRateLimiting(RateLimits.Imports);
        cohorts.MapPost("/{code}/join", Join).RequireAuthorization().RequireJoinBudget();
        cohorts.MapPost("/{code}/presence", Presence).RequireAuthorization();
        // The pages poll this every 2 s: only a lookup that finds nothing, or is refused, costs a join.
        cohorts.MapGet("/{code}", Get);
        cohorts.MapDelete("/{code}/members/{playerId}", Remove);
        cohorts.MapPost("/{code}/competitions", AddCompetition);
        cohorts.MapPost("/{code}/competitions/{id}/rounds/{round:int}/start", (string code, string id, int round, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, (cohort, key) => cohort.StartRound(key, id, round - 1)));
        cohorts.MapPost("/{code}/competitions/{id}/rounds/{round:int}/abort", (string code, string id, int round, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, (cohort, key) => cohort.AbortRound(key, id, round - 1)));
        cohorts.MapPost("/{code}/competitions/{id}/end", (string code, string id, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, (cohort, key) => cohort.EndCompetition(key, id)));
        cohorts.MapGet("/{code}/live", (string code, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, (cohort, key) => cohort.Live(key), live => live is null ? Results.NoContent() : Results.Ok(live)));
        cohorts.MapPost("/{code}/instructor-key", RotateKey).RequireAuthorization();
        cohorts.MapPost("/{code}/instructors", (string code, InstructorRequest? body, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, async (cohort, key) => await cohort.AddInstructor(key, body?.PlayerId ?? "") is { Error: { } error }
                ? new Reply<bool>(false, error)
                : Reply<bool>.Ok(true), _ => Results.NoContent()));
        cohorts.MapPost("/{code}/guides/preview", PreviewGuide).RequireRateLimiting(RateLimits.Imports);
        cohorts.MapPost("/{code}/guides", ImportGuide).RequireRateLimiting(RateLimits.Imports);
        cohorts.MapPost("/{code}/marathon", OpenMarathon);
        cohorts.MapPost("/{code}/marathon/next", NextStep).RequireAuthorization();
        cohorts.MapGet("/{code}/marathon.csv", (string code, HttpRequest request, IGrainFactory grains) =>
            Instructor(code, request, grains, (cohort, key) => cohort.View(null, key), view => view.Marathon is { } marathon
                ? CsvFile(view.Code, "marathon", csv => MarathonRows(csv, marathon))
                : Refused(new RaceError(ErrorCodes.NoMarathon, $"Cohort {view.Code} has no marathon open."))));
        cohorts.MapGet("/{code}/competitions/{id}/standings.csv", (string code, string id, HttpRequest request, IGrainFactory grains) =>
            Csv(code, id, request, grains, "standings", Standings));
        cohorts.MapGet("/{code}/competitions/{id}/rounds.csv", (string code, string id, HttpRequest request, IGrainFactory grains) =>
            Csv(code, id, request, grains, "rounds", Rounds));
        return app;
    }

    public sealed record InstructorRequest(string? PlayerId);

    public sealed record NewInstructorKey(string InstructorKey);

    private static readonly RaceError KeyRequired =
        new(ErrorCodes.InstructorKeyRequired, $"This needs the cohort's instructor key, in the {InstructorKeyHeader} header.");

    private static string NewKey() => "ik-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>A creator or co-instructor who lost the key gets a new one with their own player; the old one stops working.</summary>
    private static async Task<IResult> RotateKey(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        var key = NewKey();
        var outcome = await grains.GetGrain<ICohortGrain>(cohort).RotateKey(user.PlayerId(), PlayerTokens.Hash(key));
        return outcome.IsOk ? Results.Ok(new NewInstructorKey(key)) : Refused(outcome.Error!);
    }

    private static async Task<IResult> Create(CreateCohortRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = NewKey();
        var (code, refusal) = await FreshCodes.Claim(RoomCode.NewCode, ErrorCodes.CohortExists, async candidate =>
            (await grains.GetGrain<ICohortGrain>(candidate).Create(request?.Name ?? "", PlayerTokens.Hash(key), user.PlayerId())).Error);
        if (code is null)
        {
            return refusal is null
                ? ApiResults.NoFreeCode(ErrorCodes.CohortExists, "cohort code")
                : Refused(refusal);
        }

        var link = $"/c/{code}";
        return Results.Created(link, new CreatedCohort(code, request!.Name!.Trim(), link, key));
    }

    private static async Task<IResult> Join(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        var profile = await grains.GetGrain<IPlayerGrain>(user.PlayerId()).GetProfile();
        if (profile is null)
        {
            return ApiResults.Unauthorized();
        }

        var reply = await grains.GetGrain<ICohortGrain>(cohort).Join(new PlayerCard(profile.PlayerId, profile.Name));
        return reply.Value is { } view ? Results.Ok(view) : Refused(reply.Error!);
    }

    private static async Task<IResult> Presence(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        var outcome = await grains.GetGrain<ICohortGrain>(cohort).Seen(user.PlayerId());
        return outcome.IsOk ? Results.NoContent() : Refused(outcome.Error!);
    }

    /// <summary>A student sees the cohort with their token; the instructor with the key.</summary>
    private static async Task<IResult> Get(string code, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        var key = KeyHash(request);
        if (key is null && user.Identity?.IsAuthenticated != true)
        {
            return Forbidden(new RaceError(ErrorCodes.NotAMember, "Send a student's token or the instructor key (X-Instructor-Key)."));
        }

        var reply = await grains.GetGrain<ICohortGrain>(cohort).View(key is null ? user.PlayerId() : null, key);
        return reply.Value is { } view ? Results.Ok(view) : Refused(reply.Error!);
    }

    private static Task<IResult> Remove(string code, string playerId, HttpRequest request, IGrainFactory grains) =>
        Instructor(code, request, grains, async (cohort, key) => await cohort.RemoveMember(key, playerId) is { Error: { } error }
            ? new Reply<bool>(false, error)
            : Reply<bool>.Ok(true), _ => Results.NoContent());

    private static Task<IResult> AddCompetition(string code, CreateCompetitionRequest? body, HttpRequest request, IGrainFactory grains)
    {
        var rounds = new List<PassageChoice>();
        foreach (var (round, i) in (body?.Rounds ?? []).Select((round, i) => (round, i)))
        {
            if (!ProtocolValues.TryParseLength(round?.Length, out var length))
            {
                return Task.FromResult(Refused(new RaceError(ErrorCodes.BadRound, $"Round {i + 1}: the length is short, medium or long.")));
            }

            rounds.Add(new PassageChoice(round?.GuideId ?? "", round?.ParagraphIndex ?? 0, length));
        }

        return Instructor(code, request, grains, (cohort, key) => cohort.AddCompetition(key, body?.Name ?? "", [.. rounds]), view => Results.Created($"/api/cohorts/{code}", view));
    }

    /// <summary>POST /api/guides/preview for a console with the key and no player in its browser; saves nothing.</summary>
    private static Task<IResult> PreviewGuide(string code, GuideImportRequest? body, HttpRequest request, IGrainFactory grains, IOptions<GuideOptions> options) =>
        Instructor(code, request, grains, (cohort, key) => cohort.View(null, key), _ => GuideEndpoints.Preview(body, options));

    /// <summary>
    /// The import of POST /api/guides, reviewed the same way, saved to the cohort with the instructor key. The text is
    /// checked before the key (a bad import says so whoever sends it); nothing is saved without the key.
    /// </summary>
    private static async Task<IResult> ImportGuide(
        string code, GuideImportRequest? body, HttpRequest request, IGrainFactory grains, IOptions<GuideOptions> options, GuideCatalog catalog, TimeProvider clock)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        if (KeyHash(request) is not { } key)
        {
            return Forbidden(KeyRequired);
        }

        var prepared = GuideImports.Prepare(body ?? GuideEndpoints.NoRequest, options.Value);
        if (prepared.Error is { } bad)
        {
            return GuideEndpoints.Refused(bad);
        }

        var reply = await grains.GetGrain<ICohortGrain>(cohort).AddGuide(key, GuideImports.ToImported(prepared.Value!, ownerId: "", clock.GetUtcNow()));
        if (reply.Error is { } refused)
        {
            return refused.Code == ErrorCodes.TooManyGuides ? GuideEndpoints.Refused(refused) : Refused(refused);
        }

        var guide = await catalog.Find(reply.Value!.Id) ?? throw new InvalidOperationException($"The guide '{reply.Value.Id}' was saved but cannot be read.");
        return Results.Created($"/api/guides/{guide.Id}", GuideEndpoints.Detail(guide));
    }

    public sealed record OpenMarathonRequest(string? GuideId, string? Length);

    private static Task<IResult> OpenMarathon(string code, OpenMarathonRequest? body, HttpRequest request, IGrainFactory grains) =>
        ProtocolValues.TryParseLength(body?.Length, out var length)
            ? Instructor(code, request, grains, (cohort, key) => cohort.OpenMarathon(key, body?.GuideId ?? "", length), view => Results.Created($"/api/cohorts/{code}", view))
            : Task.FromResult(ApiResults.BadRequest(ProtocolValues.BadLength));

    private static async Task<IResult> NextStep(string code, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        var reply = await grains.GetGrain<ICohortGrain>(cohort).NextStep(user.PlayerId());
        return reply.Value is { } step ? Results.Ok(step) : Refused(reply.Error!);
    }

    /// <summary>An instructor's call: the key's hash goes to the cohort, which alone decides.</summary>
    private static async Task<IResult> Instructor<T>(
        string code, HttpRequest request, IGrainFactory grains, Func<ICohortGrain, string, Task<Reply<T>>> call, Func<T, IResult>? ok = null)
    {
        if (!RoomCode.TryNormalize(code, out var cohort))
        {
            return NotFound(code);
        }

        if (KeyHash(request) is not { } key)
        {
            return Forbidden(KeyRequired);
        }

        var reply = await call(grains.GetGrain<ICohortGrain>(cohort), key);
        return reply.Error is { } error ? Refused(error) : (ok ?? (value => Results.Ok(value)))(reply.Value!);
    }

    private static Task<IResult> Csv(
        string code, string competitionId, HttpRequest request, IGrainFactory grains, string what, Action<CsvWriter, CompetitionView> write) =>
        Instructor(code, request, grains, (cohort, key) => cohort.View(null, key), view =>
        {
            if (view.Competitions.FirstOrDefault(c => c.Id == competitionId) is not { } competition)
            {
                return Refused(new RaceError(ErrorCodes.CompetitionNotFound, $"Cohort {view.Code} has no competition '{competitionId}'."));
            }

            return CsvFile(view.Code, $"{competition.Id}-{what}", csv => write(csv, competition));
        });

    private static IResult CsvFile(string cohortCode, string what, Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        // Names are the students' own words: one that starts like a formula is escaped, not run by a spreadsheet.
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            write(csv);
        }

        return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{cohortCode}-{what}.csv");
    }

    /// <summary>One row per student per paragraph of each step they typed: the paragraph's split and accuracy, and the step's figures.</summary>
    private static void MarathonRows(CsvWriter csv, MarathonView marathon)
    {
        Row(csv, "player_id", "name", "step", "paragraph", "split_ms", "paragraph_accuracy", "step_wpm", "step_accuracy", "step_time_ms", "at");
        foreach (var student in marathon.Progress)
        {
            foreach (var result in student.Results)
            {
                var step = marathon.Steps[result.Step];
                for (var paragraph = step.FirstParagraphIndex; paragraph < step.FirstParagraphIndex + step.ParagraphCount; paragraph++)
                {
                    var split = result.Paragraphs?.FirstOrDefault(p => p.ParagraphIndex == paragraph);
                    Row(csv, student.PlayerId, student.Name, Number(result.Step + 1), Number(paragraph + 1),
                        split?.SplitMs is { } ms ? Number(ms) : "", split?.Accuracy is { } accuracy ? Number(accuracy, 4) : "",
                        Number(result.Wpm, 2), Number(result.Accuracy, 4), Number(result.TimeMs), result.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static void Standings(CsvWriter csv, CompetitionView competition)
    {
        Row(csv, "place", "player_id", "name", "points", "rounds", "total_wpm", "mean_accuracy");
        foreach (var s in competition.Standings)
        {
            Row(csv, Number(s.Place), s.PlayerId, s.Name, Number(s.Points), Number(s.Rounds), Number(s.Wpm, 2), Number(s.Accuracy, 4));
        }
    }

    private static void Rounds(CsvWriter csv, CompetitionView competition)
    {
        Row(csv, "round", "heat", "place", "player_id", "name", "points", "finished", "wpm", "accuracy", "time_ms");
        foreach (var round in competition.Rounds)
        {
            foreach (var line in round.Results)
            {
                Row(csv, Number(round.Index + 1), Number(line.Heat + 1), Number(line.Place), line.PlayerId, line.Name, Number(line.Points),
                    line.Finished ? "true" : "false", Number(line.Wpm, 2), Number(line.Accuracy, 4), Number(line.TimeMs));
            }
        }
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.EndRecord();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value, int decimals) => Math.Round(value, decimals).ToString(CultureInfo.InvariantCulture);

    internal static string? KeyHash(HttpRequest request) =>
        request.Headers[InstructorKeyHeader].ToString().Trim() is { Length: > 0 } key ? PlayerTokens.Hash(key) : null;

    private static IResult NotFound(string code) => ApiResults.NotFound(ErrorCodes.CohortNotFound, $"There is no cohort '{code}'.");

    private static IResult Forbidden(RaceError error) => Results.Json(new ApiError(error.Code, error.Message), statusCode: StatusCodes.Status403Forbidden);

    internal static IResult Refused(RaceError error) => error.Code switch
    {
        ErrorCodes.CohortNotFound or ErrorCodes.CompetitionNotFound or ErrorCodes.NoMarathon or ErrorCodes.GuideNotFound => ApiResults.NotFound(error.Code, error.Message),
        ErrorCodes.InstructorKeyRequired or ErrorCodes.NotAMember => Forbidden(error),
        _ => ApiResults.BadRequest(error.Code, error.Message),
    };
}
