using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// A player's weak spots over SignalR and REST: two races in which they slip on every "e" (and once on an "a") make
/// "e" their worst character and the pairs ending in "e" their worst bigrams, with the exact counts.
/// </summary>
public sealed class WeakSpotsTests
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);

    [Fact]
    public async Task Slipping_on_every_e_in_two_races_makes_e_the_worst_character_and_its_pairs_the_worst_bigrams()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.CoHostedAtAPersonsPace());
        await using var ada = await RaceClient.Connect(gateway, await gateway.Register("Ada"));

        // Before every "e", a wrong "x" taken back; in the second race one "a" too.
        var text = Passage.Text.EnumerateRunes().Select(r => r.ToString()).ToList();
        var firstA = text.IndexOf("a");
        var code = await gateway.RoomWith(ada);
        for (var race = 1; race <= 2; race++)
        {
            var keys = text.SelectMany((ch, at) => ch == "e" || (race == 2 && at == firstA) ? new[] { "x", "\b", ch } : [ch]).ToList();
            await ada.Connection.InvokeAsync("StartRace", code);
            await ada.WaitForView(v => v.Phase == RoomPhase.Racing && v.RaceNumber == race, "racing");
            ada.ResumeAfter(0);
            await ada.TypeHumanly(code, keys, msPerKey: 60, seed: race);
            await ada.WaitForView(v => v.Phase == RoomPhase.Results && v.RaceNumber == race && v.Results!.All(l => l.Standing is not null), "results with standings");
        }

        var spots = await Eventually.Get(
            () => gateway.Http.GetFromJsonAsync<JsonElement>($"/api/players/{ada.Player.PlayerId}/weak-spots", GatewayInstance.Json),
            s => s.GetProperty("results").GetInt32() == 2,
            "both races in the weak spots");

        // "e": every one of them missed in both races; "a": one miss in all the a's of two races; nothing else missed.
        var es = text.Count(ch => ch == "e");
        var characters = spots.GetProperty("characters").EnumerateArray().Select(Tally).ToList();
        Assert.Equal(("e", 2 * es, 2 * es), characters[0]);
        var aCount = text.Count(ch => ch == "a");
        Assert.Equal(aCount * 2 >= 10 ? [("e", 2 * es, 2 * es), ("a", 2 * aCount, 1)] : [("e", 2 * es, 2 * es)], characters);

        // The pairs ending in "e", most missed first (each missed every time it came, so by count, then by key).
        var expected = Enumerable.Range(1, text.Count - 1).Where(at => text[at] == "e").Select(at => text[at - 1] + "e")
            .GroupBy(pair => pair).Select(g => (Key: g.Key, Count: 2 * g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal).Take(8).ToList();
        var bigrams = spots.GetProperty("bigrams").EnumerateArray().Select(Tally).ToList();
        Assert.Equal([.. expected.Select(p => (p.Key, p.Count, p.Count))], bigrams.Where(b => b.Key.EndsWith('e')).Take(expected.Count));

        var unknown = await gateway.Http.GetAsync($"/api/players/{new string('0', 32)}/weak-spots");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(ErrorCodes.PlayerNotFound, (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static (string Key, int Attempts, int Misses) Tally(JsonElement key) =>
        (key.GetProperty("key").GetString()!, key.GetProperty("attempts").GetInt32(), key.GetProperty("misses").GetInt32());
}
