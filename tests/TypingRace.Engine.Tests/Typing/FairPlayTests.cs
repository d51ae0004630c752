using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class FairPlayTests
{
    private const string Sentence = "steady hands make steady rhythms, scripts make none at all";

    [Fact]
    public void A_human_race_has_no_flags()
    {
        var session = Race.Session("keys click");

        session.TypeEach("keys click", 600, 600);

        Assert.Equal(FairPlayFlags.None, session.Flags);
    }

    [Theory]
    [InlineData(12, FairPlayFlags.None)]
    [InlineData(13, FairPlayFlags.Pasted)]
    public void More_than_twelve_code_points_in_one_keystroke_is_a_paste(int codePoints, FairPlayFlags flags)
    {
        var session = Race.Session(Sentence);

        session.Type(Sentence[..codePoints], 60_000);

        Assert.Equal(codePoints, session.Position);
        Assert.Equal(flags, session.Flags);
    }

    [Fact]
    public void A_paste_is_measured_in_code_points_not_utf16_units()
    {
        // 𠮷 is a CJK ideograph outside the BMP: typed through an IME, two UTF-16 units each.
        var session = Race.Session("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷 are ten ideographs");

        session.Type("𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷", 60_000);

        Assert.Equal(10, session.Position);
        Assert.Equal(FairPlayFlags.None, session.Flags);
    }

    [Theory]
    [InlineData(30, 400.0, FairPlayFlags.TooFast)] // 10 characters in 0.3 s
    [InlineData(40, 300.0, FairPlayFlags.None)] // exactly the limit is still human
    public void A_speed_above_the_human_limit_is_flagged(int stepMs, double wpm, FairPlayFlags flags)
    {
        var session = Race.Session("keys click");

        session.TypeEach("keys click", stepMs, stepMs);

        Assert.Equal(wpm, session.Wpm);
        Assert.Equal(flags, session.Flags);
    }

    [Theory]
    [InlineData(30, FairPlayFlags.None)] // 29 intervals: too few to judge
    [InlineData(31, FairPlayFlags.MachineRegular)]
    public void Perfectly_even_client_intervals_are_machine_regular(int keys, FairPlayFlags flags)
    {
        var session = Race.Session(Sentence);

        for (var i = 0; i < keys; i++)
        {
            session.Apply(new Keystroke(Sentence[i].ToString(), ClientElapsedMs: 150 * i), Race.At(1000 * (i + 1)));
        }

        Assert.Equal(flags, session.Flags);
    }

    [Fact]
    public void Uneven_human_intervals_are_not_machine_regular()
    {
        var session = Race.Session(Sentence);
        var clientMs = 0;

        for (var i = 0; i < 50; i++)
        {
            clientMs += 90 + i * 37 % 160;
            session.Apply(new Keystroke(Sentence[i].ToString(), clientMs), Race.At(1000 * (i + 1)));
        }

        Assert.Equal(FairPlayFlags.None, session.Flags);
    }
}
