using System.Text;
using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.LoadTest.Measuring;
using TypingRace.LoadTest.Racing;
using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Tests.Racing.Links;

/// <summary>The lean client's reading of the SignalR JSON hub messages the gateway sends, without a socket.</summary>
public sealed class HubRecordTests
{
    [Fact]
    public void A_completion_carries_its_invocation_id_and_result_or_error()
    {
        var answered = HubRecord.Parse("""{"type":3,"invocationId":"7","result":{"seq":2,"position":5}}"""u8);
        Assert.Equal((HubMessageType.Completion, 7L, null), (answered.Type, answered.InvocationId, answered.Error));
        Assert.Equal("""{"seq":2,"position":5}""", Encoding.UTF8.GetString(answered.Payload));

        var refused = HubRecord.Parse("""{"type":3,"invocationId":"8","error":"duplicate-batch: Batch 2 was already accepted."}"""u8);
        Assert.Equal((8L, "duplicate-batch: Batch 2 was already accepted."), (refused.InvocationId, refused.Error));
        Assert.Equal(HubMessageType.Ping, HubRecord.Parse("""{"type":6}"""u8).Type);
    }

    [Fact]
    public void A_progress_frame_is_read_once_with_each_racer_of_the_room_and_its_acknowledgement()
    {
        var room = new RaceRoom(0, "K7MQ2D");
        var ada = Seat(room, "a1");
        var bo = Seat(room, "b2");
        var record = """
            {"type":1,"target":"progress","arguments":[{"code":"K7MQ2D","raceNumber":3,"serverTime":1764262100123,"racers":[
            {"playerId":"a1","position":42,"errorLength":1,"wpm":71.3,"accuracy":0.976,"finished":false,"seq":17,"storedSeq":15},
            {"playerId":"zz","position":9,"errorLength":0,"wpm":10,"accuracy":1,"finished":false,"seq":2,"storedSeq":2},
            {"playerId":"b2","position":0,"errorLength":0,"wpm":0,"accuracy":null,"finished":false,"seq":0,"storedSeq":0}]}]}
            """u8;

        var message = HubRecord.Parse(record);
        var racers = new ProgressReader(room).Read(message.Payload, out var raceNumber).ToArray();

        Assert.Equal((HubMessageType.Invocation, Target.Progress, 3), (message.Type, message.Target, raceNumber));
        Assert.Equal([ada, bo], racers.Select(racer => racer.Racer));
        Assert.Equal(new KeyAck(17, 42, 1, Finished: false, Wpm: 71.3, Accuracy: 0.976, StoredSeq: 15), racers[0].Ack);
        Assert.Equal(new ObservedState(0, 0, null), racers[1].State);
    }

    private static Racer Seat(RaceRoom room, string playerId)
    {
        var racer = new Racer(room, playerId, connection: null!, new BotStyle(100, 0), new Random(1), new Measurements());
        room.Seat(racer);
        return racer;
    }
}
