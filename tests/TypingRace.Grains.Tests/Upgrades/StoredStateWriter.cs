using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using StackExchange.Redis;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Rooms;
using TypingRace.Leaderboards;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Upgrades;

/// <summary>
/// Plays what a version's users leave behind, on a cluster of this version, and writes it down as a fixture: four
/// players, a room whose race (two people and a bot) ended and was filed and ranked, and a room left mid-race.
/// The silos then shut down as an upgrade shuts them down, and what Redis holds is dumped.
/// </summary>
internal static class StoredStateWriter
{
    private static readonly PassageChoice Choice = new(TestGuides.MiniId, 0, PassageLength.Short);

    private const double BotWpm = 200;

    /// <summary>As many entries as the gateway's leaderboard endpoint returns by default.</summary>
    private const int BoardTop = 50;

    public static async Task Write(string directory, string version)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        // The stored rooms name their guide and paragraph; the fixture keeps the text they were raced on.
        var guides = Directory.CreateDirectory(Path.Combine(directory, StoredStateFixture.GuidesFolder)).FullName;
        foreach (var guide in Directory.GetFiles(TestGuides.Directory, "*.md"))
        {
            File.Copy(guide, Path.Combine(guides, Path.GetFileName(guide)));
        }

        using var redis = new RedisServer(durable: false);
        ExpectedState expected;
        var gateway = new SilentGateway();
        await using (var cluster = await UpgradeCluster.Start(redis, guides))
        {
            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var passage = PassageBuilder.Build(GuideLibrary.LoadDirectory(guides).Guides.Single(g => g.Id == Choice.GuideId), Choice.ParagraphIndex, Choice.Length);
            var observer = cluster.Cluster.Client.CreateObjectReference<IRoomObserver>(gateway);
            var grains = cluster.Grains;
            var ada = await Register(grains, "Ada");
            var bo = await Register(grains, "Bo");
            var cy = await Register(grains, "Cy");
            var di = await Register(grains, "Di");
            var (finished, boards) = await FinishedRace(grains, new RedisLeaderboardStore(connection), observer, passage, ada, bo);
            var racing = await RaceLeftMidway(grains, connection, observer, passage, cy, di);
            await cluster.Stop();
            racing = racing with { StartedAt = await StoredRaceStart(connection, racing.Code) };
            expected = new ExpectedState(
                version,
                Commit(),
                DateTimeOffset.UtcNow,
                UpgradeCluster.ServiceId,
                [ada with { RoomCode = finished.Code }, bo with { RoomCode = finished.Code }, cy with { RoomCode = racing.Code }, di with { RoomCode = racing.Code }],
                finished,
                racing,
                boards);
        }

        // The gateway's reference must outlive the silos' last look at it, or the client may let it go first.
        GC.KeepAlive(gateway);
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            await StoredStateFixture.Dump(connection, Path.Combine(directory, StoredStateFixture.DumpFile));
        }

        await StoredStateFixture.WriteExpected(expected, Path.Combine(directory, StoredStateFixture.ExpectedFile));
    }

    /// <summary>Registers as the gateway does: a random id and secret, and only the secret's hash in the grain.</summary>
    private static async Task<ExpectedPlayer> Register(IGrainFactory grains, string name)
    {
        var id = Guid.NewGuid().ToString("N");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var reply = await grains.GetGrain<IPlayerGrain>(id).Register(name, Expect.SecretHash(secret));
        Check(reply.IsOk, $"registering {name}: {reply.Error}");
        return new ExpectedPlayer(id, name, secret, RoomCode: null);
    }

    private static async Task<IRoomGrain> Enter(IGrainFactory grains, string code, ExpectedPlayer player, PassageChoice? create)
    {
        var reply = await grains.GetGrain<IPlayerGrain>(player.Id).EnterRoom(code, create);
        Check(reply.IsOk, $"{player.Name} entering {code}: {reply.Error}");
        return grains.GetGrain<IRoomGrain>(code);
    }

    /// <summary>
    /// Ada types the passage cleanly, Bo slips twice, backspaces and asks for a hint, a bot races them; both people
    /// type at a human pace so their results are ranked. Done once the race is filed, in both histories and on the boards.
    /// </summary>
    private static async Task<(ExpectedFinishedRoom Room, ExpectedBoard[] Boards)> FinishedRace(
        IGrainFactory grains, ILeaderboardStore boards, IRoomObserver observer, Passage passage, ExpectedPlayer ada, ExpectedPlayer bo)
    {
        var code = RoomCode.NewCode();
        var room = await Enter(grains, code, ada, Choice);
        await Enter(grains, code, bo, create: null);
        Check((await room.AddBot(ada.Id, BotWpm)).IsOk, "adding the bot");
        await room.Subscribe(observer);
        Check((await room.Start(ada.Id)).IsOk, "starting the race");
        await RoomTestKit.WaitForPhase(room, RoomPhase.Racing);

        var keys = TypingScript.Correct(passage).ToList();
        var adaChunks = keys.Chunk(8).ToList();
        var boChunks = keys.Take(5).Concat(["~", "#", "\b", "\b"]).Concat(keys.Skip(5)).Chunk(8).ToList();
        var adaHand = new PacedHand(room, ada.Id, seed: 7);
        var boHand = new PacedHand(room, bo.Id, seed: 11);
        for (var i = 0; i < boChunks.Count; i++)
        {
            // A person's pace, not a wait for anything: the boards refuse a result typed faster than a human can.
            await Task.Delay(8 * 60);
            if (i < adaChunks.Count)
            {
                await adaHand.Type(adaChunks[i]);
            }

            await Task.Delay(25);
            await boHand.Type(boChunks[i]);
            if (i == boChunks.Count / 2)
            {
                Check((await room.RequestHint(bo.Id)).IsOk, "Bo's hint");
            }
        }

        var view = await Eventually.Get(
            () => RoomTestKit.View(room),
            v => v.Phase == RoomPhase.Results && v.Results!.Where(line => !line.IsBot).All(line => line.Standing is not null),
            "the results with every person's standing",
            TimeSpan.FromSeconds(60));
        var people = view.Results!.Where(line => !line.IsBot).ToList();
        Check(people.All(line => line.Finished && line.Flags.Length == 0 && line.Standing!.Queued == false && line.Standing.Ranks.Length > 0),
            $"both people's results must be finished, unflagged and ranked: {string.Join("; ", people)}");
        Check(view.Results!.Length == 3 && view.Results.Single(line => line.PlayerId == bo.Id).Hints == 1, "three racers and Bo's hint in the results");

        var raceId = (await Eventually.Get(
            () => grains.GetGrain<IPlayerGrain>(ada.Id).GetRecentResults(), recent => recent.Length == 1, "Ada's history")).Single().RaceId;
        await Eventually.Get(() => grains.GetGrain<IPlayerGrain>(bo.Id).GetRecentResults(), recent => recent.Length == 1, "Bo's history");
        var record = await Eventually.Get(() => grains.GetGrain<IRaceGrain>(raceId).Get(), race => race is not null, "the race's record");
        var passageId = BoardKeys.PassageId(passage.FirstParagraphId, passage.Length);
        var expectedBoards = new List<ExpectedBoard>();
        foreach (var (scope, scopeId, period, ranking) in new (LeaderboardScope, string?, LeaderboardPeriod, LeaderboardRanking)[]
                 {
                     (LeaderboardScope.Global, null, LeaderboardPeriod.AllTime, LeaderboardRanking.Speed),
                     (LeaderboardScope.Global, null, LeaderboardPeriod.AllTime, LeaderboardRanking.Accuracy),
                     (LeaderboardScope.Guide, passage.GuideId, LeaderboardPeriod.AllTime, LeaderboardRanking.Speed),
                     (LeaderboardScope.Passage, passageId, LeaderboardPeriod.AllTime, LeaderboardRanking.Accuracy),
                     (LeaderboardScope.Global, null, LeaderboardPeriod.Daily, LeaderboardRanking.Speed),
                     (LeaderboardScope.Guide, passage.GuideId, LeaderboardPeriod.Weekly, LeaderboardRanking.Accuracy),
                 })
        {
            DateTimeOffset? at = period == LeaderboardPeriod.AllTime ? null : record!.EndedAt;
            var top = await boards.Top(new BoardQuery(scope, scopeId, period, ranking, at), BoardTop, CancellationToken.None);
            var board = new ExpectedBoard(scope, scopeId, period, ranking, at, [.. top.Select(Expect.Entry)]);
            Check(board.Entries.Length == 2, $"both people on the board {board}");
            expectedBoards.Add(board);
        }

        return (new ExpectedFinishedRoom(
            code,
            view.HostId,
            view.RaceNumber,
            raceId,
            new ExpectedPassage(Choice.GuideId, Choice.ParagraphIndex, Choice.Length, passage.CharacterCount),
            record!.StartedAt,
            record.EndedAt,
            [.. view.Members.Select(Expect.Member)],
            [.. view.Results!.Select(Expect.Line)]), [.. expectedBoards]);
    }

    /// <summary>
    /// Cy types half the passage; Di slips once and backspaces, types on, asks for a hint and types a little more.
    /// Done once the room says it stored every batch of both.
    /// </summary>
    private static async Task<ExpectedRacingRoom> RaceLeftMidway(
        IGrainFactory grains, IConnectionMultiplexer redis, IRoomObserver observer, Passage passage, ExpectedPlayer cy, ExpectedPlayer di)
    {
        var code = RoomCode.NewCode();
        var room = await Enter(grains, code, cy, Choice);
        await Enter(grains, code, di, create: null);
        await room.Subscribe(observer);
        Check((await room.Start(cy.Id)).IsOk, "starting the second race");
        await RoomTestKit.WaitForPhase(room, RoomPhase.Racing);

        var keys = TypingScript.Correct(passage).ToList();
        var cyHand = new PacedHand(room, cy.Id, seed: 13);
        var diHand = new PacedHand(room, di.Id, seed: 17);
        var cyChunks = keys.Take(keys.Count / 2).Chunk(8).ToList();
        List<string[]> diChunks = [[.. keys.Take(6), "~", "\b"], [.. keys.Skip(6).Take(8)], [.. keys.Skip(14).Take(8)], [.. keys.Skip(22).Take(2)]];
        for (var i = 0; i < cyChunks.Count; i++)
        {
            // A person's pace again, so the figures stored mid-race are ones a person could have.
            await Task.Delay(8 * 60);
            await cyHand.Type(cyChunks[i]);
            if (i < diChunks.Count)
            {
                // The hint goes before Di's last batch, so that batch being stored means the hint is too.
                if (i == diChunks.Count - 1)
                {
                    Check((await room.RequestHint(di.Id)).IsOk, "Di's hint");
                }

                await diHand.Type(diChunks[i]);
            }
        }

        var racers = new List<ExpectedRacer>();
        foreach (var (player, hand) in new[] { (cy, cyHand), (di, diHand) })
        {
            var card = new PlayerCard(player.Id, player.Name);
            await Eventually.Get(
                async () => (await room.Join(card)).Value!.You!,
                you => you.StoredSeq == hand.LastSeq,
                $"{player.Name}'s keys to be stored");
            var joined = (await room.Join(card)).Value!.You!;
            racers.Add(new ExpectedRacer(player.Id, joined.Position, joined.ErrorLength, joined.LastSeq, joined.Hints, hand.LastAck!.Wpm, hand.LastAck.Accuracy!.Value));
        }

        // A view does not name the race; its key logs do, and Cy has raced nowhere else.
        var log = await redis.GetServers().Single().KeysAsync(pattern: $"typingrace:keys:*:{cy.Id}").SingleAsync();
        var raceId = ((string)log!).Split(':')[2];
        var view = await RoomTestKit.View(room);
        Check(view.Phase == RoomPhase.Racing && racers[1].Hints == 1 && racers[1].Accuracy < 1, $"Di mid-race with a hint and a slip: {racers[1]}");
        return new ExpectedRacingRoom(
            code,
            view.HostId,
            view.RaceNumber,
            raceId,
            new ExpectedPassage(Choice.GuideId, Choice.ParagraphIndex, Choice.Length, passage.CharacterCount),
            StartedAt: default,
            [.. view.Members.Select(Expect.Member)],
            [.. racers]);
    }

    /// <summary>
    /// The race start to the tick, from the room's record as this version wrote it (the grain storage's JSON):
    /// read here, by the version that wrote it, so the reader never depends on that format.
    /// </summary>
    private static async Task<DateTimeOffset> StoredRaceStart(IConnectionMultiplexer redis, string code)
    {
        var data = await redis.GetDatabase().HashGetAsync($"{UpgradeCluster.ServiceId}/state/room/{code}/room", "data");
        Check(data.HasValue, $"the record of room {code}");
        using var record = JsonDocument.Parse((string)data!);
        return record.RootElement.GetProperty(nameof(Grains.Rooms.State.RoomState.RaceStartsAt)).GetDateTimeOffset();
    }

    private static string? Commit()
    {
        try
        {
            var head = Git("rev-parse HEAD");
            return Git("status --porcelain -- src") is { Length: > 0 } ? head + " (src with uncommitted changes)" : head;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Git(string arguments)
    {
        var start = new ProcessStartInfo("git", $"-C \"{Repository.Root}\" {arguments}") { RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? output : throw new InvalidOperationException($"git {arguments} exited with {git.ExitCode}.");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The fixture cannot be written as planned: {what}");
        }
    }

    /// <summary>One racer's keyboard: batches numbered in order, each key a human-looking 40 to 90 ms after the last.</summary>
    private sealed class PacedHand(IRoomGrain room, string playerId, int seed)
    {
        private readonly Random _random = new(seed);
        private long _clientMs;

        public long LastSeq { get; private set; }

        public KeyAck? LastAck { get; private set; }

        public async Task Type(IReadOnlyList<string> keys)
        {
            var batch = new KeyBatch(LastSeq + 1, [.. keys.Select(key => new KeyPress(key, _clientMs += _random.Next(40, 90)))]);
            var reply = await room.SubmitKeys(playerId, batch);
            Check(reply.IsOk, $"batch {batch.Seq} of {playerId}: {reply.Error}");
            LastSeq = batch.Seq;
            LastAck = reply.Value;
        }
    }

    /// <summary>A gateway that takes every push and does nothing with it: what matters is that rooms store it.</summary>
    private sealed class SilentGateway : IRoomObserver
    {
        public Task OnUpdates(RoomUpdate[] updates) => Task.CompletedTask;
    }
}
