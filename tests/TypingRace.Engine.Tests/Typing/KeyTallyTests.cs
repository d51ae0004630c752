using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class KeyTallyTests
{
    [Fact]
    public void A_miss_is_the_first_wrong_key_where_a_character_was_due_and_counts_for_it_and_its_bigram()
    {
        var session = Race.Session("the then");

        // "t", "h", then "x" and "y" where "e" was due (one miss of "e", not two), taken back, then on to the end.
        session.TypeEach("th", firstMs: 100, stepMs: 100);
        session.TypeEach("xy\b\b", firstMs: 300, stepMs: 100);
        session.TypeEach("e the", firstMs: 700, stepMs: 100);
        // In "then", "n" is missed once more.
        session.Type("m", 1300);
        session.Type("\b", 1400);
        session.Type("n", 1500);

        var tallies = session.KeyTallies().ToDictionary(t => t.Key);
        Assert.Equal(new KeyTally("e", 2, 1), tallies["e"]);
        Assert.Equal(new KeyTally("t", 2, 0), tallies["t"]);
        Assert.Equal(new KeyTally("n", 1, 1), tallies["n"]);
        Assert.Equal(new KeyTally(" ", 1, 0), tallies[" "]);
        // Only missed bigrams are kept, with how often each came: "he" twice, "en" once.
        Assert.Equal(new KeyTally("he", 2, 1), tallies["he"]);
        Assert.Equal(new KeyTally("en", 1, 1), tallies["en"]);
        Assert.Equal(new HashSet<string> { "t", "h", "e", " ", "n", "he", "en" }, tallies.Keys.ToHashSet());
    }

    [Fact]
    public void A_character_missed_at_the_cursor_counts_though_it_was_never_typed_right()
    {
        var session = Race.Session("ab");
        session.Type("a", 100);
        session.Type("x", 200);

        var tallies = session.KeyTallies();
        Assert.Contains(new KeyTally("b", 1, 1), tallies);
        Assert.Contains(new KeyTally("ab", 1, 1), tallies);
        Assert.Contains(new KeyTally("a", 1, 0), tallies);
    }
}
