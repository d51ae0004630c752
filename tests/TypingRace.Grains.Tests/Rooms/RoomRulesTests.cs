using TypingRace.Abstractions;
using TypingRace.Grains.Rooms;
using TypingRace.Grains.Rooms.Rules;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>The room's decisions on its plain record, without a cluster.</summary>
public sealed class RoomRulesTests
{
    private const string Code = "ABCDEF";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RoomRules Rules = new(new RoomOptions { MaxMembers = 3, Countdown = TimeSpan.FromSeconds(5), IdleLimit = TimeSpan.FromSeconds(60) });

    private static RoomState NewRoom(params string[] members)
    {
        var room = new RoomState { Created = true, Phase = RoomPhase.Lobby, HostId = members[0] };
        foreach (var id in members)
        {
            Assert.Null(Rules.Join(room, Code, new PlayerCard(id, id.ToUpperInvariant()), Now).Error);
        }

        return room;
    }

    [Fact]
    public void Nobody_joins_a_room_that_was_never_made_and_nobody_joins_a_full_one()
    {
        Assert.Equal(ErrorCodes.RoomNotFound, Rules.Join(new RoomState(), Code, new PlayerCard("a", "A"), Now).Error?.Code);

        var room = NewRoom("a", "b", "c");
        Assert.Equal(ErrorCodes.RoomFull, Rules.Join(room, Code, new PlayerCard("d", "D"), Now).Error?.Code);
        // A member coming back is not a newcomer, full or not.
        var (member, isNew, error) = Rules.Join(room, Code, new PlayerCard("b", "B"), Now);
        Assert.Null(error);
        Assert.False(isNew);
        Assert.Equal("b", member!.PlayerId);
    }

    [Fact]
    public void Only_the_host_starts_and_then_everyone_connected_races_while_the_rest_watch_and_nobody_stays_ready()
    {
        var room = NewRoom("a", "b", "c");
        room.Members[2].Connected = false;
        room.Members[1].Ready = true;

        Assert.Equal(ErrorCodes.NotHost, Rules.Start(room, "b", Now, "race-1", () => 7)?.Code);
        Assert.Equal(ErrorCodes.NotInRoom, Rules.Start(room, "z", Now, "race-1", () => 7)?.Code);
        Assert.Null(Rules.Start(room, "a", Now, "race-1", () => 7));

        Assert.Equal(RoomPhase.Countdown, room.Phase);
        Assert.Equal(Now + TimeSpan.FromSeconds(5), room.RaceStartsAt);
        Assert.Equal(["a", "b"], RoomRules.Racers(room).Select(m => m.PlayerId));
        Assert.Equal(MemberRole.Spectator, room.Members[2].Role);
        // "Ready" was for this race: its results must not show anyone as ready for the next one.
        Assert.All(room.Members, member => Assert.False(member.Ready));
        Assert.Equal(ErrorCodes.RaceInProgress, Rules.Start(room, "a", Now, "race-2", () => 7)?.Code);
    }

    [Fact]
    public void A_newcomer_during_a_race_watches_and_is_told_why_their_keys_are_refused()
    {
        var room = NewRoom("a", "b");
        Rules.Start(room, "a", Now, "race-1", () => 7);
        room.Phase = RoomPhase.Racing;

        var (late, _, _) = Rules.Join(room, Code, new PlayerCard("c", "C"), Now);

        Assert.Equal(MemberRole.Spectator, late!.Role);
        Assert.Equal(ErrorCodes.NotRacing, RoomRules.RacingRefusal(room, late, finished: false)?.Code);
        Assert.Null(RoomRules.RacingRefusal(room, room.Members[0], finished: false));
        Assert.Equal(ErrorCodes.RaceOver, RoomRules.RacingRefusal(room, room.Members[0], finished: true)?.Code);
        Assert.Equal(ErrorCodes.NotInRoom, RoomRules.RacingRefusal(room, null, finished: false)?.Code);
    }

    [Fact]
    public void The_host_role_passes_to_the_longest_standing_person_before_any_bot()
    {
        var room = NewRoom("a");
        Assert.Null(Rules.AddBot(room, Code, "a", 80, "bot", Now).Error);
        Rules.Join(room, Code, new PlayerCard("b", "B"), Now);

        RoomRules.Remove(room, room.Members[0]);

        Assert.Equal("b", room.HostId);
    }

    [Fact]
    public void A_ghost_left_hosting_when_the_last_person_went_hands_the_room_back_to_the_first_person_who_comes()
    {
        var room = NewRoom("a");
        var run = new GhostRun("Ghost of A", "race", "a", room.Choice, "p1", 80, []);
        Assert.Null(Rules.AddGhosts(room, Code, "a", [run], "p1", () => "ghost", Now).Error);

        RoomRules.Remove(room, room.Members[0]);
        Assert.Equal("ghost", room.HostId);

        Rules.Join(room, Code, new PlayerCard("b", "B"), Now);
        Assert.Equal("b", room.HostId);
    }

    [Fact]
    public void Ghosts_are_seated_only_by_the_host_on_the_rooms_passage_and_all_or_none()
    {
        var room = NewRoom("a", "b");
        var run = new GhostRun("Ghost of A", "race", "a", room.Choice, "p1", 80, []);
        Assert.Equal(ErrorCodes.NotHost, Rules.AddGhosts(room, Code, "b", [run], "p1", () => "g", Now).Error?.Code);
        Assert.Equal(ErrorCodes.GhostWrongPassage, Rules.AddGhosts(room, Code, "a", [run], "p2", () => "g", Now).Error?.Code);
        Assert.Equal(ErrorCodes.RoomFull, Rules.AddGhosts(room, Code, "a", [run, run], "p1", () => Guid.NewGuid().ToString(), Now).Error?.Code);
        Assert.Equal(2, room.Members.Count);

        var (ghosts, error) = Rules.AddGhosts(room, Code, "a", [run], "p1", () => "g", Now);
        Assert.Null(error);
        Assert.True(ghosts.Single() is { IsPerson: false, IsBot: false, Ready: true, Tag: "" });

        // A room that moves to another passage lets its ghosts go.
        RoomRules.DropGhosts(room);
        Assert.Equal(["a", "b"], room.Members.Select(m => m.PlayerId));
    }

    [Fact]
    public void A_bot_needs_a_speed_the_engine_can_type()
    {
        var room = NewRoom("a");

        Assert.Equal(ErrorCodes.BadBot, Rules.AddBot(room, Code, "a", 5000, "bot", Now).Error?.Code);
        Assert.Equal(ErrorCodes.NotHost, Rules.AddBot(NewRoom("a", "b"), Code, "b", 80, "bot", Now).Error?.Code);
    }

    [Fact]
    public void A_racer_silent_for_the_idle_limit_on_the_race_clock_becomes_a_spectator_and_an_outage_does_not_count()
    {
        var room = NewRoom("a", "b");
        Rules.Start(room, "a", Now, "race-1", () => 7);
        room.Phase = RoomPhase.Racing;
        var start = room.RaceStartsAt;
        room.Members[1].LastActivityAt = start + TimeSpan.FromSeconds(50);

        // 60 s after the start, "a" has typed nothing: idle. "b" typed 10 s ago.
        var idle = Rules.TakeIdleRacers(room, start + TimeSpan.FromSeconds(60), _ => true);
        Assert.Equal(["a"], idle.Select(m => m.PlayerId));
        Assert.Equal(MemberRole.Spectator, room.Members[0].Role);
        // Still in the race, for its results, but no longer typing in it.
        Assert.True(room.Members[0].InRace);
        Assert.True(room.Members[0].WentIdle);
        Assert.Equal(ErrorCodes.NotRacing, RoomRules.RacingRefusal(room, room.Members[0], finished: false)?.Code);

        // The room record said "b" last typed at 50 s; a stored key of 55 s is later, and counts.
        RoomRules.TypedAt(room, room.Members[1], start + TimeSpan.FromSeconds(55));
        Assert.Equal(start + TimeSpan.FromSeconds(55), room.Members[1].LastActivityAt);
        RoomRules.TypedAt(room, room.Members[1], start + TimeSpan.FromSeconds(40));
        Assert.Equal(start + TimeSpan.FromSeconds(55), room.Members[1].LastActivityAt);

        // Forty seconds of outage later "b" is still not idle: the pause is off the race clock.
        room.Pauses.Add(new PauseState(start + TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(40)));
        Assert.Empty(Rules.TakeIdleRacers(room, start + TimeSpan.FromSeconds(105), _ => true));
        Assert.False(RoomRules.TimeUp(room, start + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_race_is_over_once_nobody_in_it_is_still_typing()
    {
        var room = NewRoom("a", "b");
        Rules.Start(room, "a", Now, "race-1", () => 7);
        room.Phase = RoomPhase.Racing;

        Assert.False(RoomRules.EveryoneDone(room, member => member.PlayerId == "b"));
        Assert.True(RoomRules.EveryoneDone(room, _ => false));
    }

    [Fact]
    public void Members_gone_longer_than_the_grace_leave_only_between_races_and_an_empty_room_expires()
    {
        var rules = new RoomRules(new RoomOptions { DisconnectGrace = TimeSpan.FromSeconds(60), EmptyRoomExpiry = TimeSpan.FromMinutes(10) });
        var room = NewRoom("a", "b");
        room.Members[1].Connected = false;
        room.Members[1].DisconnectedAt = Now;

        Assert.Empty(rules.GoneTooLong(room, Now + TimeSpan.FromSeconds(59)));
        Assert.Equal(["b"], rules.GoneTooLong(room, Now + TimeSpan.FromSeconds(60)).Select(m => m.PlayerId));
        room.Phase = RoomPhase.Racing;
        Assert.Empty(rules.GoneTooLong(room, Now + TimeSpan.FromSeconds(60)));

        room.Members[0].Connected = false;
        Assert.False(rules.Expired(room, Now));
        Assert.False(rules.Expired(room, Now + TimeSpan.FromMinutes(9)));
        Assert.True(rules.Expired(room, Now + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_room_back_after_an_outage_takes_the_outage_off_the_clock_and_races_if_its_countdown_ran_out()
    {
        var room = NewRoom("a", "b");
        Rules.Start(room, "a", Now, "race-1", () => 7);
        var start = room.RaceStartsAt;

        // The silo died 2 s into the race, its last write a second earlier; the room is back 9 s after that write.
        var outage = RoomRules.ResumeAfterOutage(room, lastStored: start + TimeSpan.FromSeconds(1), now: start + TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(9), outage);
        Assert.Equal(RoomPhase.Racing, room.Phase);
        Assert.Equal(start + TimeSpan.FromSeconds(1), RoomRules.Clock(room).RaceTime(start + TimeSpan.FromSeconds(10)));
        Assert.Equal(start + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(9), RoomRules.Clock(room).EndsAt);
    }

    [Fact]
    public void A_room_back_before_its_countdown_ended_loses_no_race_time()
    {
        var room = NewRoom("a");
        Rules.Start(room, "a", Now, "race-1", () => 7);

        var outage = RoomRules.ResumeAfterOutage(room, lastStored: Now, now: Now + TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.Zero, outage);
        Assert.Empty(room.Pauses);
        Assert.Equal(RoomPhase.Countdown, room.Phase);
    }
}
