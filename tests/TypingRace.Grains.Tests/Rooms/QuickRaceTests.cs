using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>
/// The quick-race queues on the two-silo test cluster (QuickRace:Size 4, FillWait 1 s, AloneWait 1.5 s): a full
/// queue starts at once, two start after the wait, a player who leaves is not raced, and bots fill empty seats.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QuickRaceTests(RaceCluster cluster)
{
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Four_in_the_queue_race_at_once_in_one_room_of_four()
    {
        var queue = cluster.Grains.GetGrain<IQuickRaceGrain>("short");
        var players = await Players(4);
        foreach (var player in players)
        {
            Assert.True((await queue.Join(player, wantsBots: false, averageWpm: null)).IsOk);
        }

        var room = await RoomOf(queue, players);
        Assert.Equal(players.Select(p => p.PlayerId).Order(), room.Members.Select(m => m.PlayerId).Order());
        Assert.Equal(players[0].PlayerId, room.HostId);
        Assert.Equal(Engine.Guides.PassageLength.Short, room.Passage.Length);
    }

    [Fact]
    public async Task Two_race_after_the_fill_wait_and_a_player_who_left_is_not_among_them()
    {
        var queue = cluster.Grains.GetGrain<IQuickRaceGrain>("medium");
        var players = await Players(3);
        foreach (var player in players)
        {
            await queue.Join(player, wantsBots: false, averageWpm: null);
        }

        var waiting = await queue.Status(players[1].PlayerId);
        Assert.Equal((QuickRaceState.Waiting, 3, 4), (waiting.State, waiting.Waiting, waiting.Size));
        Assert.NotNull(waiting.StartsBy);
        await queue.Leave(players[2].PlayerId);
        Assert.Equal(QuickRaceState.None, (await queue.Status(players[2].PlayerId)).State);

        var room = await RoomOf(queue, players[..2]);
        Assert.Equal(players[..2].Select(p => p.PlayerId).Order(), room.Members.Select(m => m.PlayerId).Order());
        Assert.DoesNotContain(room.Members, m => m.IsBot);
        Assert.Equal(QuickRaceState.None, (await queue.Status(players[2].PlayerId)).State);
    }

    [Fact]
    public async Task Bots_fill_the_seats_at_the_players_average_when_asked_and_one_alone_always_gets_them()
    {
        var queue = cluster.Grains.GetGrain<IQuickRaceGrain>("long");
        var pair = await Players(2);
        await queue.Join(pair[0], wantsBots: true, averageWpm: 70);
        await queue.Join(pair[1], wantsBots: false, averageWpm: 92);
        var room = await RoomOf(queue, pair);
        // Two seats of four were empty; the bots type at the pair's average, (70 + 92) / 2.
        Assert.Equal(["Bot 81", "Bot 81"], room.Members.Where(m => m.IsBot).Select(m => m.Name));

        var alone = (await Players(1)).Single();
        await queue.Join(alone, wantsBots: false, averageWpm: null);
        var withBots = await RoomOf(queue, [alone]);
        Assert.Equal(["Bot 60", "Bot 60", "Bot 60"], withBots.Members.Where(m => m.IsBot).Select(m => m.Name));
    }

    private async Task<List<PlayerCard>> Players(int count)
    {
        var players = new List<PlayerCard>();
        for (var i = 0; i < count; i++)
        {
            players.Add(await _kit.NewPlayer($"Quick {i}"));
        }

        return players;
    }

    /// <summary>Every player matched to the same room, and that room racing.</summary>
    private async Task<RoomView> RoomOf(IQuickRaceGrain queue, IReadOnlyList<PlayerCard> players)
    {
        var matched = new List<string>();
        foreach (var player in players)
        {
            var view = await Eventually.Get(() => queue.Status(player.PlayerId), v => v.State == QuickRaceState.Matched, $"{player.Name} to be matched");
            matched.Add(view.RoomCode!);
        }

        var code = Assert.Single(matched.Distinct());
        return await RoomTestKit.WaitForPhase(cluster.Grains.GetGrain<IRoomGrain>(code), RoomPhase.Racing);
    }
}
