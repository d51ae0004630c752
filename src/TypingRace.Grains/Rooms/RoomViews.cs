using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Rooms.Rules;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>What members see of a room: its record, its passage and the race as typed, as one view.</summary>
internal static class RoomViews
{
    /// <summary>A passage as clients draw it (docs/protocol.md, "Room view"); its text only once a race is on.</summary>
    public static PassageView PassageViewOf(Guide guide, Passage passage, TypingRules rules, bool withText) => new(
        passage.FirstParagraphIndex,
        passage.ParagraphCount,
        passage.Length,
        passage.CharacterCount,
        guide.Paragraphs[passage.FirstParagraphIndex].Section,
        withText ? passage.Text : null,
        [.. passage.Segments.Select(s => new SegmentView(s.Start, s.Length, s.Kind, s.ParagraphIndex))],
        withText ? [.. passage.AutoFilledRanges().Select(range => new TextRange(range.Start, range.Length))] : null,
        rules.ErrorRunCap);

    /// <param name="you">The member the view is for, who also gets their own standing; null for a broadcast.</param>
    public static RoomView Build(
        string code, RoomState room, Guide guide, Passage passage, TypingRules rules, RaceTrack track, long storedSeq, DateTimeOffset now, MemberState? you = null)
    {
        var passageView = PassageViewOf(guide, passage, rules, withText: room.Phase != RoomPhase.Lobby);
        var inRace = room.Phase != RoomPhase.Lobby;
        var yours = you is null ? null : track.Log(you.PlayerId);
        return new RoomView(
            code,
            room.Phase,
            room.RaceNumber,
            room.HostId,
            now.ToUnixTimeMilliseconds(),
            inRace ? room.RaceStartsAt.ToUnixTimeMilliseconds() : null,
            inRace ? RoomRules.Clock(room).EndsAt.ToUnixTimeMilliseconds() : null,
            [.. room.Members.Select(member => member.ToView())],
            new GuideInfo(guide.Id, guide.Title, guide.Paragraphs.Count),
            passageView,
            passage.EndsGuide(guide),
            you is null ? null : new YouView(
                you.PlayerId, you.Role, yours?.Session.Position ?? 0, yours?.Session.ErrorRunLength ?? 0, yours?.LastSeq ?? 0,
                yours?.Session.Hints ?? 0, storedSeq),
            room.Results,
            // A heat or a marathon step: the page offers the way back to its cohort.
            room.Heat?.CohortCode ?? (room.Phase == RoomPhase.Results ? room.LastRace?.CohortCode : null),
            // Its results have a record of their own, and a proof from the keys: /api/races/{raceId}(/verify).
            room.Phase == RoomPhase.Results ? room.LastRace?.RaceId : null,
            room.Tally);
    }
}
