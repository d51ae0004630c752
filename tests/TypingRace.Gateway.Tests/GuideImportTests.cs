using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>Bring your own guide over REST: preview, review, save, share, race, and every refusal.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GuideImportTests(RaceCluster cluster)
{
    /// <summary>What a user copies off a web page: a menu, a title, a wrapped paragraph with an emoji, bullets, code, a counter.</summary>
    private const string CopiedPage = """
        Home   Blog   Share

        Rolling upgrades

        A rolling upgrade replaces one server at a time, so the players
        never see the game go away. Each new server joins before an old one leaves 🚀 today.

        • Drain the gateway first.
        • Then stop the silo.

        func main() {
            wg.Wait()
        }

        12 comments
        """;

    private static object Import(string title, object? format = null, string content = CopiedPage, int[]? delete = null, int[]? mergeWithNext = null) =>
        new { title, format = format ?? "text", content, delete, mergeWithNext };

    [Fact]
    public async Task A_copied_page_is_previewed_without_saving_saved_after_review_and_raced_from_another_gateway()
    {
        await using var east = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var west = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await east.Register("Ada");
        var bo = await west.Register("Bo");

        // The preview splits the page as the plain-text rules say, and saves nothing.
        var preview = await Send(east, HttpMethod.Post, "/api/guides/preview", ada, Import("Deploying with care"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = await preview.Content.ReadFromJsonAsync<JsonElement>(GatewayInstance.Json);
        Assert.Equal("preview", previewed.GetProperty("id").GetString());
        Assert.Equal(
            [
                ("prose", "Rolling upgrades", "A rolling upgrade replaces one server at a time, so the players never see the game go away. Each new server joins before an old one leaves 🚀 today."),
                ("listItem", "Rolling upgrades", "Drain the gateway first."),
                ("listItem", "Rolling upgrades", "Then stop the silo."),
                ("code", "Rolling upgrades", "func main() {\n    wg.Wait()\n}"),
                ("prose", "Rolling upgrades", "12 comments"),
            ],
            Paragraphs(previewed));
        Assert.Empty(await ImportedBy(east, ada));

        // Reviewed: the counter goes, the two bullets become one item.
        var saved = await Send(east, HttpMethod.Post, "/api/guides", ada, Import("Deploying with care", delete: [4], mergeWithNext: [1]));
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var guide = await saved.Content.ReadFromJsonAsync<JsonElement>(GatewayInstance.Json);
        var id = guide.GetProperty("id").GetString()!;
        Assert.Matches("^u-[0-9a-f]{16}$", id);
        Assert.Equal($"/api/guides/{id}", saved.Headers.Location!.OriginalString);
        Assert.True(guide.GetProperty("imported").GetBoolean());
        Assert.Equal(
            [
                ("prose", "Rolling upgrades", "A rolling upgrade replaces one server at a time, so the players never see the game go away. Each new server joins before an old one leaves 🚀 today."),
                ("listItem", "Rolling upgrades", "Drain the gateway first. Then stop the silo."),
                ("code", "Rolling upgrades", "func main() {\n    wg.Wait()\n}"),
            ],
            Paragraphs(guide));

        // Anyone with the id reads the same guide from the other gateway; only its owner has it in their list.
        var shared = await west.Http.GetFromJsonAsync<JsonElement>($"/api/guides/{id}", GatewayInstance.Json);
        Assert.Equal(Paragraphs(guide), Paragraphs(shared));
        Assert.Equal([id], await ImportedBy(east, ada));
        Assert.Empty(await ImportedBy(west, bo));
        Assert.DoesNotContain(id, (await west.Http.GetFromJsonAsync<JsonElement>("/api/guides", GatewayInstance.Json)).EnumerateArray().Select(g => g.GetProperty("id").GetString()));

        // Bo races it on the other gateway: the emoji and the space beside it are not typed, and he finishes exactly.
        var passage = PassageBuilder.Build(GuideOf(id, shared), 0, PassageLength.Short);
        var keys = TypingScript.Correct(passage).ToList();
        Assert.Equal(passage.CharacterCount - 2, keys.Count);
        Assert.DoesNotContain("🚀", keys);
        await using var racer = await RaceClient.Connect(west, bo);
        var code = await west.CreateRoom(bo, id, 0, "short");
        var joined = await racer.Join(code);
        Assert.Equal(id, joined.Guide.Id);
        await racer.Connection.InvokeAsync("StartRace", code);
        var racing = await racer.WaitForView(view => view.Phase == RoomPhase.Racing, "racing");
        Assert.Equal(passage.Text, racing.Passage.Text);
        Assert.Equal(passage.AutoFilledRanges().Select(r => new TextRange(r.Start, r.Length)), racing.Passage.AutoFilled!);
        var last = await racer.Type(code, keys);
        Assert.True(last.Finished);
        Assert.Equal(passage.CharacterCount, last.Position);
        Assert.Equal(1.0, last.Accuracy);
    }

    [Fact]
    public async Task Bad_imports_get_their_code_and_save_nothing()
    {
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Guides:MaxImportCharacters"] = "1000";
        settings["Guides:MaxImportParagraphs"] = "2";
        await using var gateway = await GatewayInstance.Start(settings);
        var ada = await gateway.Register("Ada");

        foreach (var path in new[] { "/api/guides/preview", "/api/guides" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(gateway, HttpMethod.Post, path, null, Import("Notes"))).StatusCode);
            await Refused(gateway, path, ada, Import(""), HttpStatusCode.BadRequest, ErrorCodes.BadTitle);
            await Refused(gateway, path, ada, Import(new string('t', 121)), HttpStatusCode.BadRequest, ErrorCodes.BadTitle);
            await Refused(gateway, path, ada, Import("Two\nlines"), HttpStatusCode.BadRequest, ErrorCodes.BadTitle);
            await Refused(gateway, path, ada, Import("Notes", "pdf"), HttpStatusCode.BadRequest, ErrorCodes.BadFormat);
            await Refused(gateway, path, ada, Import("Notes", content: "  \n "), HttpStatusCode.BadRequest, ErrorCodes.GuideEmpty);
            await Refused(gateway, path, ada, Import("Notes", content: "🚀 🎉\n\n✅"), HttpStatusCode.BadRequest, ErrorCodes.GuideEmpty);
            await Refused(gateway, path, ada, Import("Notes", delete: [0, 1, 2, 3, 4]), HttpStatusCode.BadRequest, ErrorCodes.GuideEmpty);
            await Refused(gateway, path, ada, Import("Notes", delete: [9]), HttpStatusCode.BadRequest, ErrorCodes.BadEdit);
            await Refused(gateway, path, ada, Import("Notes", mergeWithNext: [4]), HttpStatusCode.BadRequest, ErrorCodes.BadEdit);
            await Refused(gateway, path, ada, Import("Notes", content: new string('a', 1001)), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.GuideTooLarge);

            // More paragraphs than Guides:MaxImportParagraphs (2 here), and the refusal states the limit.
            var tooMany = await Send(gateway, HttpMethod.Post, path, ada, Import("Notes"));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
            var refusal = (await tooMany.Content.ReadFromJsonAsync<ApiError>(GatewayInstance.Json))!;
            Assert.Equal(ErrorCodes.GuideTooLarge, refusal.Code);
            Assert.StartsWith("A guide has at most 2 paragraphs", refusal.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await ImportedBy(gateway, ada));
        var missing = await gateway.Http.GetAsync("/api/guides/u-0000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ErrorCodes.GuideNotFound, (await missing.Content.ReadFromJsonAsync<ApiError>(GatewayInstance.Json))!.Code);
    }

    [Fact]
    public async Task Results_on_an_imported_guide_rank_on_its_own_boards_and_never_on_the_global_ones()
    {
        var settings = GatewayInstance.CoHosted();
        settings["Rooms:RaceTimeLimit"] = "00:01:00";
        settings["Guides:MaxImportsPerPlayer"] = "2";
        await using var gateway = await GatewayInstance.Start(settings);
        var ada = await gateway.Register("Ada");
        var saved = await Send(gateway, HttpMethod.Post, "/api/guides", ada, Import("Deploying with care", delete: [4]));
        var id = (await saved.Content.ReadFromJsonAsync<JsonElement>(GatewayInstance.Json)).GetProperty("id").GetString()!;

        // A player may import as many guides as the setting says, and no more.
        Assert.Equal(HttpStatusCode.Created, (await Send(gateway, HttpMethod.Post, "/api/guides", ada, Import("Second"))).StatusCode);
        await Refused(gateway, "/api/guides", ada, Import("Third"), HttpStatusCode.Conflict, ErrorCodes.TooManyGuides);
        Assert.Equal(2, (await ImportedBy(gateway, ada)).Length);

        // Ada races her guide at a person's pace, so the result qualifies for boards.
        var guide = GuideOf(id, await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/guides/{id}", GatewayInstance.Json));
        var passage = PassageBuilder.Build(guide, 0, PassageLength.Short);
        await using var racer = await RaceClient.Connect(gateway, ada);
        var code = await gateway.CreateRoom(ada, id, 0, "short");
        await racer.Join(code);
        await racer.Connection.InvokeAsync("StartRace", code);
        await racer.WaitForView(view => view.Phase == RoomPhase.Racing, "racing");
        await racer.TypeHumanly(code, TypingScript.Correct(passage), msPerKey: 60, seed: 5);

        var results = await racer.WaitForView(view => view.Phase == RoomPhase.Results && view.Results!.All(line => line.Standing is not null), "results with standings");
        var line = Assert.Single(results.Results!);
        Assert.Empty(line.Flags);

        var onGuide = await Board(gateway, $"scope=guide&id={id}&period=allTime&ranking=speed");
        Assert.Equal([ada.PlayerId], onGuide.Select(entry => entry.GetProperty("playerId").GetString()));
        Assert.Equal(line.Wpm, onGuide[0].GetProperty("wpm").GetDouble(), 0.005 + 1e-9);
        var passageBoard = $"scope=passage&id={Uri.EscapeDataString(Engine.Leaderboards.BoardKeys.PassageId(passage.FirstParagraphId, PassageLength.Short))}&period=allTime&ranking=speed";
        Assert.Equal([ada.PlayerId], (await Board(gateway, passageBoard)).Select(entry => entry.GetProperty("playerId").GetString()));
        Assert.Empty(await Board(gateway, "scope=global&period=allTime&ranking=speed"));
        Assert.Empty(await Board(gateway, "scope=global&period=allTime&ranking=accuracy"));
    }

    /// <summary>A saved guide as the engine races it, from its REST detail.</summary>
    internal static Guide GuideOf(string id, JsonElement detail) =>
        GuideImport.FromParagraphs(id, detail.GetProperty("title").GetString()!, detail.GetProperty("paragraphs").EnumerateArray().Select(p => (
            Enum.Parse<ParagraphKind>(p.GetProperty("kind").GetString()!, ignoreCase: true),
            p.GetProperty("section").GetString()!,
            p.GetProperty("text").GetString()!)));

    private static (string Kind, string Section, string Text)[] Paragraphs(JsonElement guide) =>
        [.. guide.GetProperty("paragraphs").EnumerateArray().Select(p => (p.GetProperty("kind").GetString()!, p.GetProperty("section").GetString()!, p.GetProperty("text").GetString()!))];

    private static async Task<string[]> ImportedBy(GatewayInstance gateway, TestPlayer player)
    {
        var list = await (await Send(gateway, HttpMethod.Get, "/api/guides", player, body: null)).Content.ReadFromJsonAsync<JsonElement>(GatewayInstance.Json);
        return [.. list.EnumerateArray().Where(g => g.GetProperty("imported").GetBoolean()).Select(g => g.GetProperty("id").GetString()!)];
    }

    private static async Task<JsonElement[]> Board(GatewayInstance gateway, string query) =>
        [.. (await gateway.Http.GetFromJsonAsync<JsonElement>($"/api/leaderboards?{query}", GatewayInstance.Json)).GetProperty("entries").EnumerateArray()];

    private static async Task Refused(GatewayInstance gateway, string path, TestPlayer player, object body, HttpStatusCode status, string code) =>
        await GatewayInstance.ExpectRefusal(await Send(gateway, HttpMethod.Post, path, player, body), status, code, $"{path} with {JsonSerializer.Serialize(body)}");

    private static Task<HttpResponseMessage> Send(GatewayInstance gateway, HttpMethod method, string path, TestPlayer? player, object? body) =>
        gateway.Send(method, path, player?.Token, body);
}
