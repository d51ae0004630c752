using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>
/// Two people race in Chromium through nginx, and the silo holding their room is killed halfway. The browser client
/// keeps what the room had not stored, resends it when the room is back, and both finish with exact results.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class BrowserFailoverTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    [Fact]
    public async Task Two_browsers_finish_a_race_whose_silo_was_killed_halfway_with_exact_results()
    {
        await cluster.EveryProcessReady();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.Launch(playwright);
        await using var adaContext = await TestBrowser.NewContext(browser, cluster.Address);
        await using var boContext = await TestBrowser.NewContext(browser, cluster.Address);
        var ada = await adaContext.NewPageAsync();
        var bo = await boContext.NewPageAsync();
        try
        {
            // Ada makes a room on the mini guide's first short passage; Bo follows the link.
            await ada.GotoAsync("/");
            await ada.GetByTestId("name-input").FillAsync("Ada");
            await ada.Locator("[data-testid=guide-select] option[value=mini]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await ada.GetByTestId("guide-select").SelectOptionAsync("mini");
            await ada.GetByTestId("paragraph-input").FillAsync("1");
            await ada.GetByTestId("length-select").SelectOptionAsync("short");
            await ada.GetByTestId("create-room").ClickAsync();
            await Assertions.Expect(ada.GetByTestId("room-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
            var code = (await ada.GetByTestId("room-code").TextContentAsync())!;
            await bo.GotoAsync($"/r/{code}");
            await bo.GetByTestId("name-input").FillAsync("Bo");
            await bo.GetByTestId("save-name").ClickAsync();
            await Assertions.Expect(ada.Locator("[data-testid=member]")).ToHaveCountAsync(2);

            await ada.GetByTestId("start-race").ClickAsync();
            var text = await Passage(ada);
            await Task.WhenAll(TypingFocus(ada), TypingFocus(bo));
            var runes = text.EnumerateRunes().Select(rune => rune.ToString()).ToList();
            var half = runes.Count / 2;
            await Task.WhenAll(Type(ada, runes[..half], seed: 1), Type(bo, runes[..half], seed: 2));

            var silo = cluster.SiloHolding(code);
            var pid = cluster.Pid(silo);
            LocalCluster.Signal(pid, "KILL");

            // They type on at once; the pages hold the keys until the room is back, then send them again.
            await Task.WhenAll(Type(ada, runes[half..], seed: 3), Type(bo, runes[half..], seed: 4));
            foreach (var page in new[] { ada, bo })
            {
                var results = await Results(page);
                Assert.Equal(2, results.GetArrayLength());
                foreach (var line in results.EnumerateArray())
                {
                    Assert.Equal(runes.Count, line.GetProperty("position").GetInt32());
                    Assert.Equal(1.0, line.GetProperty("accuracy").GetDouble());
                    Assert.True(line.GetProperty("finished").GetBoolean());
                }

                await Assertions.Expect(page.Locator("[data-testid=result-row]")).ToHaveCountAsync(2);
            }

            await TestBrowser.Screenshot(ada, "cluster-failover-results.png");
            await cluster.WaitForRestart(silo, pid);
        }
        catch
        {
            await TestBrowser.TryScreenshot(ada, "failure-cluster-failover-ada.png");
            await TestBrowser.TryScreenshot(bo, "failure-cluster-failover-bo.png");
            throw;
        }
    }

    private static async Task<string> Passage(IPage page) =>
        await (await page.WaitForFunctionAsync("() => window.typingRace.state.room?.passage?.text")).JsonValueAsync<string>();

    private static Task TypingFocus(IPage page) => page.WaitForFunctionAsync(
        """
        () => {
          const el = document.activeElement;
          return el?.dataset?.testid === 'typing-input' && !el.readOnly && window.typingRace.state.screen === 'racing';
        }
        """);

    /// <summary>Types with the keyboard at a person's uneven pace.</summary>
    private static async Task Type(IPage page, IEnumerable<string> keys, int seed)
    {
        var random = new Random(seed);
        foreach (var key in keys)
        {
            await page.Keyboard.TypeAsync(key);
            await Task.Delay(random.Next(20, 60));
        }
    }

    /// <summary>The results once every line has its standing (or, after a failover, once every line is there).</summary>
    private static async Task<JsonElement> Results(IPage page)
    {
        var handle = await page.WaitForFunctionAsync(
            "() => { const room = window.typingRace.state.room; return room?.phase === 'results' && room.results?.length === 2 ? room.results : null; }",
            null,
            new PageWaitForFunctionOptions { Timeout = 90_000 });
        return await handle.JsonValueAsync<JsonElement>();
    }
}
