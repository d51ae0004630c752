using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests.Edge;

/// <summary>
/// Mallory puts markup everywhere a player's text reaches another player's screen: her name, her imported guide's
/// title and text, her cohort's name. Ada's browser shows each as the characters Mallory typed and runs none of it;
/// and a script that got into the page anyway would be refused by the Content-Security-Policy.
/// </summary>
public sealed class BrowserInjectionTests(ITestOutputHelper output)
{
    private const string Name = "<svg onload=pwn()>";
    private const string Title = "<img src=x onerror=pwn()>";
    private const string Paragraph = "Type <script>pwn()</script> and <b onclick=pwn()>this</b> as it stands.";
    private const string CohortName = "<iframe srcdoc=pwn()>";

    [Fact]
    public Task Names_guides_and_cohort_names_are_shown_as_text_and_the_policy_refuses_inline_script() =>
        BrowserScene.Play(output, "injection", players: 1, new Dictionary<string, string?>(), async (gateway, players, log) =>
        {
            var ada = players[0];
            var page = ada.Page;
            // pwn() marks the page as taken over; the listener counts what the policy refused.
            await page.AddInitScriptAsync(
                "window.pwned = false; window.pwn = () => { window.pwned = true; }; window.refused = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.refused.push(e.effectiveDirective));");

            var mallory = await gateway.Register(Name);
            var guideId = await ImportGuide(gateway, mallory);
            var code = await gateway.CreateRoom(mallory, guideId, 0, "short");
            await using var malloryHub = await RaceClient.Connect(gateway, mallory);
            await malloryHub.Join(code);
            log("Mallory's room on her guide");

            await page.GotoAsync($"/r/{code}");
            await page.GetByTestId("name-input").FillAsync("Ada");
            await page.GetByTestId("save-name").ClickAsync();
            ada.PlayerId = await ada.WaitForPlayerId();
            await Assertions.Expect(ada.Member(mallory.PlayerId).Locator(".member-name")).ToContainTextAsync(Name);
            await Assertions.Expect(page.GetByTestId("guide-title")).ToHaveTextAsync(Title);

            await malloryHub.Connection.InvokeAsync("StartRace", code);
            Assert.Equal(Paragraph, await ada.WaitForPassage());
            await Assertions.Expect(ada.Lane(mallory.PlayerId)).ToContainTextAsync(Name);
            await ada.Screenshot("injection-race.png");
            log("lobby and race seen");

            var cohort = await CreateCohort(gateway, mallory);
            await page.GotoAsync($"/c/{cohort}");
            await Assertions.Expect(page.GetByTestId("cohort-name")).ToHaveTextAsync(CohortName);
            log("cohort page seen");

            // Nothing Mallory wrote became an element, ran, or made the policy step in.
            Assert.Equal(0, await page.Locator("svg[onload], img[src=x], iframe, b[onclick], script:not([src])").CountAsync());
            Assert.False(await page.EvaluateAsync<bool>("() => window.pwned"));
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.refused"));

            // A script that found its way in anyway does not run: only our own files may.
            await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'pwn()'; document.head.append(s); }");
            await page.WaitForFunctionAsync("() => window.refused.length > 0");
            Assert.Equal(["script-src-elem"], await page.EvaluateAsync<string[]>("() => window.refused"));
            Assert.False(await page.EvaluateAsync<bool>("() => window.pwned"));
            // That refusal was this test's own doing, not the page's.
            ada.PageErrors.RemoveAll(error => error.Contains("Content Security Policy", StringComparison.Ordinal));
        });

    private static async Task<string> ImportGuide(GatewayInstance gateway, TestPlayer owner)
    {
        var saved = await gateway.Send(HttpMethod.Post, "/api/guides", owner.Token, new { title = Title, format = "text", content = Paragraph });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateCohort(GatewayInstance gateway, TestPlayer owner)
    {
        var created = await gateway.Send(HttpMethod.Post, "/api/cohorts", owner.Token, new { name = CohortName });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }
}
