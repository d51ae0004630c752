using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>A player is in one room at a time, and their record and the rooms agree, from every way in and out.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OneRoomPerPlayerTests(RaceCluster cluster)
{
    [Fact]
    public async Task Joining_another_room_leaves_the_first_and_leaving_it_leaves_no_room_behind()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var ada = await RaceClient.Connect(gateway, await gateway.Register("Ada"));
        await using var bo = await RaceClient.Connect(gateway, await gateway.Register("Bo"));
        var first = await gateway.CreateRoom(ada.Player, TestGuides.MiniId, 0, "short");
        var second = await gateway.CreateRoom(bo.Player, TestGuides.MiniId, 0, "short");
        await ada.Join(first);
        Assert.Equal(first, await RoomOf(ada));

        // Ada goes into Bo's room: she is no longer a member of her own, which passes to nobody but stays empty.
        var joined = await ada.Join(second);
        Assert.Contains(joined.Members, m => m.PlayerId == ada.Player.PlayerId);
        Assert.DoesNotContain((await View(first)).Members, m => m.PlayerId == ada.Player.PlayerId);
        Assert.Equal(second, await RoomOf(ada));

        // Leaving the second leaves her in none; the first did not keep her either.
        await ada.Connection.InvokeAsync("LeaveRoom", second);
        Assert.Null(await RoomOf(ada));
        Assert.DoesNotContain((await View(first)).Members, m => m.PlayerId == ada.Player.PlayerId);
        Assert.DoesNotContain((await View(second)).Members, m => m.PlayerId == ada.Player.PlayerId);
    }

    [Fact]
    public async Task Creating_a_room_leaves_the_one_the_player_was_in()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await gateway.Register("Ada");
        var bo = await gateway.Register("Bo");
        var bos = await gateway.CreateRoom(bo, TestGuides.MiniId, 0, "short");
        await using (var client = await RaceClient.Connect(gateway, ada))
        {
            await client.Join(bos);
        }

        var own = await gateway.CreateRoom(ada, TestGuides.MiniId, 0, "short");

        Assert.Equal(own, (await cluster.Grains.GetGrain<IPlayerGrain>(ada.PlayerId).GetProfile())!.RoomCode);
        Assert.DoesNotContain((await View(bos)).Members, m => m.PlayerId == ada.PlayerId);
    }

    [Fact]
    public async Task A_kicked_player_is_in_no_room_afterwards()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        await using var guest = await RaceClient.Connect(gateway, await gateway.Register("Guest"));
        var code = await gateway.RoomWith(host, guest);
        Assert.Equal(code, await RoomOf(guest));

        await host.Connection.InvokeAsync("KickMember", code, guest.Player.PlayerId);

        // The room tells the player grain one-way, so its record follows a moment later.
        await Eventually.Get(() => RoomOf(guest), room => room is null, "the guest's record to say no room");
        Assert.DoesNotContain((await View(code)).Members, m => m.PlayerId == guest.Player.PlayerId);
    }

    private async Task<string?> RoomOf(RaceClient client) =>
        (await cluster.Grains.GetGrain<IPlayerGrain>(client.Player.PlayerId).GetProfile())!.RoomCode;

    private async Task<RoomView> View(string code) => (await cluster.Grains.GetGrain<IRoomGrain>(code).GetView())!;
}
