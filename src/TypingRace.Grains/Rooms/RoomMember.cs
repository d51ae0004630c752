using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Players;
using TypingRace.Engine.Typing;

namespace TypingRace.Grains.Rooms;

/// <summary>One member of a room and, while a race runs, their typing session in it.</summary>
internal sealed class RoomMember(PlayerCard card, long joinOrder, BotStyle? botStyle = null)
{
    public string PlayerId => card.PlayerId;

    public string Name => card.Name;

    public bool IsBot => card.IsBot;

    /// <summary>How the room types for this member; null for people.</summary>
    public BotStyle? BotStyle { get; } = botStyle;

    /// <summary>The bot's typing in the current race; null for people and between races.</summary>
    public BotDriver? Driver { get; set; }

    public long JoinOrder { get; } = joinOrder;

    public MemberRole Role { get; set; } = MemberRole.Racer;

    public bool Ready { get; set; }

    public bool Connected { get; set; } = true;

    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>The racer's session in the current race; null for spectators and between races.</summary>
    public TypingSession? Session { get; set; }

    public long LastSeq { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public MemberView ToView() =>
        new(PlayerId, Name, PlayerName.TagOf(PlayerId), Role, Ready, Connected, IsBot);

    public RacerProgress ToProgress(TypingSession session) =>
        new(PlayerId, session.Position, session.ErrorRunLength, session.Wpm, session.Accuracy, session.Finished);
}
