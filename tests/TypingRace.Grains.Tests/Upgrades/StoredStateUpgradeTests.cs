using System.Text.RegularExpressions;
using StackExchange.Redis;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Races;
using TypingRace.Leaderboards;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Grains.Tests.Upgrades;

/// <summary>
/// A rolling upgrade keeps what the versions before it stored: for each fixture an older version wrote (see
/// Upgrades/README.md), silos of this version start on that Redis and must show its users what they saw, then go on.
/// </summary>
public sealed partial class StoredStateUpgradeTests(ITestOutputHelper output)
{
    /// <summary>Set to a version ("1" or "v1") to write that version's fixture from this code before reading it.</summary>
    public const string WriteVariable = "TYPINGRACE_WRITE_STATE_FIXTURE";

    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Upgrades");

    /// <summary>Every fixture shipped with the tests, and the one being written; none at all fails the theory.</summary>
    public static TheoryData<string> Versions()
    {
        var versions = Directory.Exists(Fixtures)
            ? Directory.GetDirectories(Fixtures).Select(Path.GetFileName).OfType<string>().Where(name => VersionName().IsMatch(name)).ToHashSet()
            : [];
        if (VersionToWrite() is { } writing)
        {
            versions.Add(writing);
        }

        return [.. versions.OrderBy(version => int.Parse(version[1..], System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Silos_of_this_version_show_and_go_on_from_what_that_version_stored(string version)
    {
        var fixture = Path.Combine(Fixtures, version);
        if (VersionToWrite() == version)
        {
            var source = Path.Combine(Repository.Root, "tests", "TypingRace.Grains.Tests", "Upgrades", version);
            await StoredStateWriter.Write(source, version);
            CopyInto(source, fixture);
            output.WriteLine($"Wrote the {version} fixture to {source}.");
        }

        var expected = await StoredStateFixture.ReadExpected(Path.Combine(fixture, StoredStateFixture.ExpectedFile));
        Assert.Equal(version, expected.Version);
        Assert.Equal(UpgradeCluster.ServiceId, expected.ServiceId);
        using var redis = new RedisServer(durable: false);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await StoredStateFixture.Load(Path.Combine(fixture, StoredStateFixture.DumpFile), connection);
        var guides = Path.Combine(fixture, StoredStateFixture.GuidesFolder);
        var guide = GuideLibrary.LoadDirectory(guides).Guides.Single(g => g.Id == expected.Finished.Passage.GuideId);

        await using var cluster = await UpgradeCluster.Start(redis, guides);
        var reader = new Reader(cluster.Grains, connection, expected, guide);
        await reader.PlayersAreThere();
        await reader.FinishedRoomShowsItsResults();
        await reader.RaceRecordIsThere();
        await reader.KeyLogsFoldToTheRecordedFigures();
        await reader.BoardsRankAsBefore();
        await reader.RacingRoomResumesWhereItStopped();
        await reader.RacingRoomFinishesItsRace();
        await reader.FinishedRoomRacesAgain();
    }

    /// <summary>"1" and "v1" both mean v1; anything else is a mistake worth failing on rather than ignoring.</summary>
    private static string? VersionToWrite()
    {
        var value = Environment.GetEnvironmentVariable(WriteVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var version = value.StartsWith('v') ? value : "v" + value;
        return VersionName().IsMatch(version)
            ? version
            : throw new ArgumentException($"{WriteVariable} must name a version such as 1 or v1, not '{value}'.");
    }

    private static void CopyInto(string source, string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    [GeneratedRegex("^v[0-9]+$")]
    private static partial Regex VersionName();

    /// <summary>What a user of the old version would look at, one thing at a time, on the upgraded cluster.</summary>
    private sealed class Reader(IGrainFactory grains, IConnectionMultiplexer redis, ExpectedState expected, Guide guide)
    {
        private readonly ILeaderboardStore _boards = new RedisLeaderboardStore(redis);
        private readonly IKeyLogStore _keyLogs = new RedisKeyLogStore(redis);

        private ExpectedFinishedRoom Finished => expected.Finished;

        private ExpectedRacingRoom Racing => expected.Racing;

        private string V => expected.Version;

        private Passage PassageOf(ExpectedPassage passage)
        {
            var built = PassageBuilder.Build(guide, passage.ParagraphIndex, passage.Length);
            Assert.Equal(passage.CharacterCount, built.CharacterCount);
            return built;
        }

        private ExpectedPlayer Player(string id) => expected.Players.Single(p => p.Id == id);

        private IPlayerGrain PlayerGrain(string id) => grains.GetGrain<IPlayerGrain>(id);

        /// <summary>Each can sign in with the token they hold, sees their name, their room and their last race.</summary>
        public async Task PlayersAreThere()
        {
            foreach (var player in expected.Players)
            {
                var grain = PlayerGrain(player.Id);
                var profile = await grain.GetProfile() ?? throw Missing($"{player.Name}'s profile ({player.Id})");
                Expect.Same(new { player.Name, player.RoomCode }, new { profile.Name, profile.RoomCode }, $"{V}: {player.Name}'s profile");
                Assert.True(await grain.VerifySecret(Expect.SecretHash(player.Secret)), $"{V}: {player.Name}'s token no longer verifies.");
                Assert.False(await grain.VerifySecret(Expect.SecretHash(player.Secret + "x")), $"{V}: {player.Name}'s grain takes any secret.");

                var recent = await grain.GetRecentResults();
                var line = Finished.Results.SingleOrDefault(line => line.PlayerId == player.Id);
                Expect.Same(
                    line is null ? [] : new[] { new { Finished.RaceId, RoomCode = Finished.Code, line.Place, Racers = Finished.Results.Length, line.Wpm, line.Accuracy, line.TimeMs, line.Hints, line.Finished } },
                    recent.Select(race => new { race.RaceId, race.RoomCode, race.Place, race.Racers, race.Wpm, race.Accuracy, race.TimeMs, race.Hints, race.Finished }).ToArray(),
                    $"{V}: {player.Name}'s recent results");
            }
        }

        /// <summary>The room is where its members left it, results and ranks on show, still reaching its gateway.</summary>
        public async Task FinishedRoomShowsItsResults()
        {
            var room = grains.GetGrain<IRoomGrain>(Finished.Code);
            var view = await room.GetView() ?? throw Missing($"the finished room {Finished.Code}");
            Expect.Same(
                new { Phase = RoomPhase.Results, Finished.RaceNumber, Finished.HostId, Members = Finished.Members, Gateways = 1 },
                new { view.Phase, view.RaceNumber, view.HostId, Members = view.Members.Select(Expect.Member).ToArray(), Gateways = await room.GetSubscriberCount() },
                $"{V}: the finished room");
            Expect.Same(Finished.Results, view.Results?.Select(Expect.Line).ToArray(), $"{V}: the finished room's results");
        }

        public async Task RaceRecordIsThere()
        {
            var race = await grains.GetGrain<IRaceGrain>(Finished.RaceId).Get() ?? throw Missing($"the record of race {Finished.RaceId}");
            Expect.Same(
                new
                {
                    RoomCode = Finished.Code, Finished.Passage.GuideId, FirstParagraphIndex = Finished.Passage.ParagraphIndex, Finished.Passage.Length,
                    Finished.Passage.CharacterCount, Finished.StartedAt, Finished.EndedAt, KeyLog = _keyLogs.LogName(Finished.RaceId),
                },
                new { race.RoomCode, race.GuideId, race.FirstParagraphIndex, race.Length, race.CharacterCount, race.StartedAt, race.EndedAt, race.KeyLog },
                $"{V}: the race record");

            // The record keeps the lines as the race ended, before the standings came back.
            Expect.Same(
                Finished.Results.Select(line => line with { Ranks = null }).ToArray(),
                race.Lines.Select(Expect.Line).ToArray(),
                $"{V}: the race record's lines");
        }

        /// <summary>Replayed with the engine, as a room brought back replays them, the stored keys give the same figures.</summary>
        public async Task KeyLogsFoldToTheRecordedFigures()
        {
            var passage = PassageOf(Finished.Passage);
            var logs = await _keyLogs.Read(Finished.RaceId, Finished.Results.Select(line => line.PlayerId), CancellationToken.None);
            foreach (var line in Finished.Results)
            {
                var session = Fold(passage, Finished.StartedAt, logs.GetValueOrDefault(line.PlayerId) ?? throw Missing($"{line.Name}'s key log of race {Finished.RaceId}"));
                Expect.Same(
                    new { line.Position, line.Finished, line.Wpm, line.Accuracy, line.Hints },
                    new { session.Position, session.Finished, session.Wpm, session.Accuracy, session.Hints },
                    $"{V}: {line.Name}'s key log, folded");
            }
        }

        /// <summary>The same calls the gateway's leaderboard endpoints make, on the boards the race entered.</summary>
        public async Task BoardsRankAsBefore()
        {
            foreach (var board in expected.Boards)
            {
                var top = await _boards.Top(board.Query, 50, CancellationToken.None);
                Expect.Same(board.Entries, top.Select(Expect.Entry).ToArray(), $"{V}: the {board} board");
                foreach (var entry in board.Entries)
                {
                    var rank = await _boards.RankOf(board.Query, entry.PlayerId, CancellationToken.None);
                    Expect.Same(entry, rank is null ? null : Expect.Entry(rank), $"{V}: {entry.Name}'s rank on the {board} board");
                }
            }

            foreach (var line in Finished.Results.Where(line => !line.IsBot))
            {
                var stats = await _boards.Stats(line.PlayerId, CancellationToken.None);
                Expect.Same(
                    new { Races = 1L, Recent = new[] { new { line.Wpm, line.Accuracy } } },
                    new { stats.Races, Recent = stats.Recent.Select(result => new { result.Wpm, result.Accuracy }).ToArray() },
                    $"{V}: {line.Name}'s stats");
            }
        }

        /// <summary>
        /// The room left mid-race comes back racing; a racer who reconnects is told the position, error run, last
        /// batch and hints the old version had, and their stored keys fold to the figures its last ack showed.
        /// </summary>
        public async Task RacingRoomResumesWhereItStopped()
        {
            var room = grains.GetGrain<IRoomGrain>(Racing.Code);
            var view = await room.GetView() ?? throw Missing($"the racing room {Racing.Code}");
            Expect.Same(
                new { Phase = RoomPhase.Racing, Racing.RaceNumber, Racing.HostId, Members = Racing.Members, RaceStart = (long?)Racing.StartedAt.ToUnixTimeMilliseconds(), Results = (ResultLine[]?)null },
                new { view.Phase, view.RaceNumber, view.HostId, Members = view.Members.Select(Expect.Member).ToArray(), RaceStart = view.CountdownEndsAt, view.Results },
                $"{V}: the racing room");

            var passage = PassageOf(Racing.Passage);
            var logs = await _keyLogs.Read(Racing.RaceId, Racing.Racers.Select(racer => racer.PlayerId), CancellationToken.None);
            foreach (var racer in Racing.Racers)
            {
                var name = Player(racer.PlayerId).Name;
                var you = (await EnterAgain(racer.PlayerId, Racing.Code)).You!;
                Expect.Same(
                    new { racer.Position, racer.ErrorLength, racer.LastSeq, StoredSeq = racer.LastSeq, racer.Hints },
                    new { you.Position, you.ErrorLength, you.LastSeq, you.StoredSeq, you.Hints },
                    $"{V}: where {name} is in the race they left");

                var session = Fold(passage, Racing.StartedAt, logs.GetValueOrDefault(racer.PlayerId) ?? throw Missing($"{name}'s key log of race {Racing.RaceId}"));
                Expect.Same(
                    new { racer.Position, ErrorLength = racer.ErrorLength, racer.Hints, racer.Wpm, racer.Accuracy },
                    new { session.Position, ErrorLength = session.ErrorRunLength, session.Hints, session.Wpm, session.Accuracy },
                    $"{V}: {name}'s key log of the race they left, folded");
            }
        }

        /// <summary>Both type the rest; the result counts the keys from before the upgrade, the slip and the hint too.</summary>
        public async Task RacingRoomFinishesItsRace()
        {
            var room = grains.GetGrain<IRoomGrain>(Racing.Code);
            var passage = PassageOf(Racing.Passage);
            foreach (var racer in Racing.Racers)
            {
                var ack = await RoomTestKit.Type(
                    room, new PlayerCard(racer.PlayerId, Player(racer.PlayerId).Name), TypingScript.Correct(passage, from: racer.Position), racer.LastSeq + 1);
                Assert.True(ack.Finished, $"{V}: {Player(racer.PlayerId).Name} did not finish the resumed race.");
            }

            var results = (await RoomTestKit.WaitForPhase(room, RoomPhase.Results)).Results!;
            var typed = TypingScript.TypedCharacters(passage);
            foreach (var racer in Racing.Racers)
            {
                // The keys wrong before the upgrade, from the figures it showed: no more were typed after it.
                var correctBefore = TypingScript.Correct(passage, to: racer.Position).Count();
                var wrongBefore = (int)Math.Round(correctBefore / racer.Accuracy) - correctBefore;
                var line = results.Single(line => line.PlayerId == racer.PlayerId);
                Expect.Same(
                    new { Finished = true, Position = passage.CharacterCount, racer.Hints, Accuracy = typed / (double)(typed + wrongBefore) },
                    new { line.Finished, line.Position, line.Hints, line.Accuracy },
                    $"{V}: {line.Name}'s result of the race they left and finished after the upgrade");
            }

            foreach (var racer in Racing.Racers)
            {
                var recent = await Eventually.Get(
                    () => PlayerGrain(racer.PlayerId).GetRecentResults(), r => r.Length == 1, $"{V}: the resumed race in {Player(racer.PlayerId).Name}'s history");
                Assert.Equal(Racing.RaceId, recent[0].RaceId);
            }
        }

        /// <summary>The same people, by their stored ids, race again in the finished room, bot and all, and keep both races.</summary>
        public async Task FinishedRoomRacesAgain()
        {
            var room = grains.GetGrain<IRoomGrain>(Finished.Code);
            var people = Finished.Results.Where(line => !line.IsBot).ToList();
            foreach (var person in people)
            {
                await EnterAgain(person.PlayerId, Finished.Code);
            }

            var started = await room.Start(Finished.HostId);
            Assert.True(started.IsOk, $"{V}: the host could not start a race in the upgraded room: {started.Error}");
            await RoomTestKit.WaitForPhase(room, RoomPhase.Racing);
            var keys = TypingScript.Correct(PassageOf(Finished.Passage)).ToList();
            foreach (var person in people)
            {
                Assert.True((await RoomTestKit.Type(room, new PlayerCard(person.PlayerId, person.Name), keys)).Finished, $"{V}: {person.Name} did not finish.");
            }

            // The bot types at its stored speed, so this race lasts a few seconds.
            var view = await Eventually.Get(
                () => RoomTestKit.View(room),
                v => v.Phase == RoomPhase.Results && v.RaceNumber == Finished.RaceNumber + 1,
                $"{V}: the race after the upgrade to end",
                TimeSpan.FromSeconds(30));
            Expect.Same(
                Finished.Results.Select(line => new { line.PlayerId, Finished = true }).OrderBy(line => line.PlayerId).ToArray(),
                view.Results!.Select(line => new { line.PlayerId, line.Finished }).OrderBy(line => line.PlayerId).ToArray(),
                $"{V}: who finished the race after the upgrade");
            foreach (var person in people)
            {
                var recent = await Eventually.Get(() => PlayerGrain(person.PlayerId).GetRecentResults(), r => r.Length == 2, $"{V}: {person.Name}'s two races");
                Assert.NotEqual(Finished.RaceId, recent[0].RaceId);
                Expect.Same(
                    new { Finished.RaceId, person.Wpm, person.Accuracy, person.Place },
                    new { recent[1].RaceId, recent[1].Wpm, recent[1].Accuracy, recent[1].Place },
                    $"{V}: {person.Name}'s race from before the upgrade, after another");
            }
        }

        private Xunit.Sdk.XunitException Missing(string what) => new($"{V}: {what} is gone after the upgrade.");

        /// <summary>As a client reconnecting after the upgrade does: the player grain puts them back in their room.</summary>
        private async Task<RoomView> EnterAgain(string playerId, string code)
        {
            var reply = await PlayerGrain(playerId).EnterRoom(code, create: null);
            Assert.True(reply.IsOk, $"{V}: {Player(playerId).Name} could not get back into {code}: {reply.Error}");
            return reply.Value!;
        }

        private static TypingSession Fold(Passage passage, DateTimeOffset startedAt, byte[] stored) =>
            RacerLog.Replay(passage, TypingRules.Default, RaceClock.Unpaused(startedAt, TimeSpan.FromMinutes(2)), KeyLogCodec.Decode(stored)).Session;
    }
}
