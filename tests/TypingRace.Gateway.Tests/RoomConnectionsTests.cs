using TypingRace.Gateway.Relay;

namespace TypingRace.Gateway.Tests;

/// <summary>Which connections a room view takes out of its room: only members it shows leaving, never a newcomer.</summary>
public sealed class RoomConnectionsTests
{
    [Fact]
    public void A_view_that_was_on_its_way_while_someone_joined_does_not_take_them_out_of_the_room()
    {
        var connections = new RoomConnections();
        connections.Add("ROOM01", "c-ada", "ada");
        Assert.Empty(connections.DepartedMembers("ROOM01", new HashSet<string> { "ada" }, serverTime: 100));

        // Bo joins; a view built before his join (Ada alone) arrives after it.
        connections.Add("ROOM01", "c-bo", "bo");
        Assert.Empty(connections.DepartedMembers("ROOM01", new HashSet<string> { "ada" }, serverTime: 150));

        // Shown as a member once, Bo is taken out by a newer view without him (kicked), but not by an older one.
        Assert.Empty(connections.DepartedMembers("ROOM01", new HashSet<string> { "ada", "bo" }, serverTime: 200));
        Assert.Empty(connections.DepartedMembers("ROOM01", new HashSet<string> { "ada" }, serverTime: 190));
        Assert.Equal(["c-bo"], connections.DepartedMembers("ROOM01", new HashSet<string> { "ada" }, serverTime: 250));
    }
}
