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

    private static readonly TypingRules Windows5 = TypingRules.Default with { RhythmWindowKeys = 5, MachineRegularMinimumWindows = 5 };

    [Theory]
    [InlineData(25, FairPlayFlags.None)] // the first key and four stretches of five: too few to judge
    [InlineData(26, FairPlayFlags.MachineRegular)]
    public void Keys_arriving_at_a_perfectly_even_rate_are_machine_regular_once_there_are_enough_stretches(int keys, FairPlayFlags flags)
    {
        var session = Race.Session(Sentence, Windows5);

        // Whatever the client says of its times: the arrivals are what count.
        for (var i = 0; i < keys; i++)
        {
            session.Apply(new Keystroke(Sentence[i].ToString(), ClientElapsedMs: 150 * i + (i * 37 % 60)), Race.At(1000 + 150 * i));
        }

        Assert.Equal(flags, session.Flags);
    }

    [Fact]
    public void Arrivals_of_a_changing_rate_are_not_machine_regular_even_when_the_client_reports_even_times()
    {
        var session = Race.Session(Sentence, Windows5);
        var serverMs = 1000;

        // A hand speeds up and slows down from one stretch to the next; its client claims a steady 150 ms a key.
        for (var i = 0; i < 50; i++)
        {
            serverMs += i / 5 % 3 == 0 ? 260 : i / 5 % 3 == 1 ? 120 : 180;
            session.Apply(new Keystroke(Sentence[i].ToString(), ClientElapsedMs: 150 * i), Race.At(serverMs));
        }

        Assert.Equal(FairPlayFlags.None, session.Flags);
    }

    [Theory]
    [InlineData(0.945, 1.055, true)] // varies by 5.5 %, under the 6 %
    [InlineData(0.935, 1.065, false)] // 6.5 %
    public void Stretches_varying_by_the_threshold_or_less_are_regular(double slower, double faster, bool regular)
    {
        double[] rates = [slower, faster, slower, faster, slower, faster];
        Assert.Equal(regular, ArrivalRhythm.Variation(rates, TypingRules.Default.MachineRegularMinimumWindows) <= TypingRules.Default.MachineRegularVariation);
    }

    [Theory]
    [InlineData(new[] { 20.0, 37.6, 37.6, 20.0 }, true)] // two stretches in a row at 451 WPM
    [InlineData(new[] { 37.6, 20.0, 37.6, 20.0 }, false)] // never two in a row
    [InlineData(new[] { 20.0, 37.5, 37.5, 20.0 }, false)] // 450 WPM is still a hand
    public void Two_stretches_in_a_row_above_the_burst_limit_are_a_burst(double[] keysPerSecond, bool burst) =>
        Assert.Equal(burst, ArrivalRhythm.Bursts(keysPerSecond, TypingRules.Default.MaxBurstWpm));

    [Theory]
    [InlineData(1, 500, false)] // one key of twenty off: under a tenth
    [InlineData(2, 501, true)]
    [InlineData(2, 500, false)] // exactly the tolerance ahead is still honest
    public void A_client_clock_off_for_a_tenth_of_the_keys_is_noted_and_only_noted(int offKeys, int aheadMs, bool noted)
    {
        var session = Race.Session(Sentence);
        for (var i = 0; i < 20; i++)
        {
            var serverMs = 1000 + 150 * i + i * 53 % 90;
            session.Apply(new Keystroke(Sentence[i].ToString(), ClientElapsedMs: i < offKeys ? serverMs + aheadMs : serverMs - 60), Race.At(serverMs));
        }

        Assert.Equal(noted ? FairPlayFlags.ClockMismatch : FairPlayFlags.None, session.Flags);
        Assert.False(FairPlayRules.Unranks(session.Flags));
    }
}
