using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// A class in real browsers (Debian's chromium driven by Playwright) against a real co-hosted gateway: an
/// instructor creates a cohort and opens its console with the key, three students join from the link, a
/// round splits them into two heats, the students' pages take them to their races, and the console shows the
/// round's points, the standings and a CSV of them.
/// </summary>
public sealed class BrowserCohortTests(ITestOutputHelper output)
{
    private const string CohortName = "Class 3B";

    private static readonly Regex Code = new("^[A-HJKMNP-Z2-9]{6}$");

    // Course notes as copied from a course site: its menu comes along, and the review drops it.
    private const string ClassNotes = """
        Skip to content. Courses | Pricing | Sign in.

        Channels carry values between goroutines. A send waits for a receiver unless the channel has a buffer.

        A closed channel answers at once with the zero value, so a range loop over it ends.
        """;

    [Fact]
    public Task An_instructor_runs_a_round_for_three_students_in_two_heats_and_gets_their_points() =>
        BrowserScene.Play(
            output,
            "cohort",
            players: 4,
            new Dictionary<string, string?> { ["Cohorts:HeatSize"] = "2", ["Cohorts:RoundCountdown"] = "00:00:04" },
            async (gateway, pages, log) =>
            {
                // Links are shared and bookmarked, so each cohort page must load on its own, not only by routing inside the client.
                foreach (var path in (string[])["/c", "/c/Q7WX3M", "/c/Q7WX3M/console"])
                {
                    using var response = await gateway.Http.GetAsync(path);
                    Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: the gateway must serve index.html for the cohort pages");
                }

                await Script(pages[0], pages.Skip(1).ToList(), log);
            });

    private static async Task Script(BrowserPlayer instructorPage, IReadOnlyList<BrowserPlayer> students, Action<string> log)
    {
        var teacher = instructorPage.Page;

        // --- /c: the instructor names themselves and the cohort; the key is shown once and kept by the browser.
        await teacher.GotoAsync("/c");
        await teacher.GetByTestId("name-input").FillAsync("Ms Hopper");
        await teacher.GetByTestId("cohort-name-input").FillAsync(CohortName);
        await teacher.GetByTestId("create-cohort").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("cohort-created")).ToBeVisibleAsync();
        await Assertions.Expect(teacher.GetByTestId("created-cohort-code")).ToHaveTextAsync(Code);
        var code = (await teacher.GetByTestId("created-cohort-code").TextContentAsync())!;
        var key = await teacher.GetByTestId("instructor-key").InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(key));
        Assert.Equal($"{BaseUrl(teacher)}c/{code}", await teacher.GetByTestId("cohort-link").InputValueAsync());
        await Assertions.Expect(teacher.GetByTestId("instructor-key-note")).ToContainTextAsync("shown only this once");
        Assert.Equal(key, await StoredKey(teacher, code));
        await TestBrowser.Screenshot(teacher, "cohort-created.png");
        log($"cohort {code} created");

        // --- Students follow the link, name themselves and join.
        string[] names = ["Ada", "Bo", "Cy"];
        for (var i = 0; i < students.Count; i++)
        {
            var page = students[i].Page;
            await page.GotoAsync($"/c/{code}");
            await page.GetByTestId("name-input").FillAsync(names[i]);
            await page.GetByTestId("save-name").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cohort-name")).ToHaveTextAsync(CohortName);
            await Assertions.Expect(page.GetByTestId("cohort-page")).ToHaveAttributeAsync("data-state", "ready");
            students[i].PlayerId = await students[i].WaitForPlayerId();
        }

        log("three students joined");

        // --- The console: without a stored key it asks, and keeps the key once the server has taken it.
        await teacher.EvaluateAsync("code => localStorage.removeItem('typingrace.instructorKey.' + code)", code);
        await teacher.GetByTestId("open-console").ClickAsync();
        await teacher.GetByTestId("instructor-key-input").FillAsync(key);
        await teacher.GetByTestId("unlock-console").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("cohort-console")).ToHaveAttributeAsync("data-state", "ready");
        Assert.Equal(key, await StoredKey(teacher, code));
        await teacher.ReloadAsync();
        await Assertions.Expect(teacher.GetByTestId("cohort-console")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(teacher.GetByTestId("cohort-name")).ToHaveTextAsync(CohortName);
        await Assertions.Expect(teacher.GetByTestId("online-count")).ToHaveAttributeAsync("data-online", "3");
        await Assertions.Expect(teacher.GetByTestId("cohort-member")).ToHaveCountAsync(3);
        foreach (var student in students)
        {
            await Assertions.Expect(Member(teacher, student.PlayerId)).ToHaveAttributeAsync("data-online", "true");
        }

        // --- The instructor imports the class notes to the cohort, drops the page's menu line, and saves them.
        var guides = teacher.GetByTestId("cohort-guides");
        await Assertions.Expect(guides.GetByTestId("no-cohort-guides")).ToBeVisibleAsync();
        await guides.GetByTestId("import-title").FillAsync("Week 3 notes");
        await guides.GetByTestId("import-content").FillAsync(ClassNotes);
        await guides.GetByTestId("import-preview").ClickAsync();
        var review = guides.Locator("[data-testid=import-review] li");
        await Assertions.Expect(review).ToHaveCountAsync(3);
        await Assertions.Expect(review.Nth(0).Locator(".import-text")).ToHaveTextAsync("Skip to content. Courses | Pricing | Sign in.");
        await review.Nth(0).GetByTestId("import-keep").UncheckAsync();
        await guides.GetByTestId("import-save").ClickAsync();
        await Assertions.Expect(guides.GetByTestId("import-status")).ToContainTextAsync("Saved “Week 3 notes” with 2 paragraphs");
        var listed = guides.GetByTestId("cohort-guide");
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        await Assertions.Expect(listed).ToContainTextAsync("Week 3 notes · 2 paragraphs");
        var guideId = (await listed.GetAttributeAsync("data-guide-id"))!;
        log($"class notes imported as {guideId}");

        // --- A one-round competition on the notes' first short passage, picked from the cohort's own guides.
        await teacher.GetByTestId("competition-name-input").FillAsync("Warm-up");
        var ownGuide = teacher.Locator($"[data-testid=round-guide] optgroup[label='This cohort’s guides'] option[value='{guideId}']");
        await ownGuide.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(teacher.GetByTestId("round-row")).ToHaveCountAsync(1);
        await teacher.GetByTestId("round-guide").SelectOptionAsync(guideId);
        await Assertions.Expect(teacher.GetByTestId("round-row").Locator(".field-suffix")).ToHaveTextAsync("of 2");
        await teacher.GetByTestId("round-paragraph").FillAsync("1");
        await teacher.GetByTestId("round-length").SelectOptionAsync("short");
        await teacher.GetByTestId("create-competition").ClickAsync();
        var competition = teacher.GetByTestId("competition");
        await Assertions.Expect(competition).ToHaveCountAsync(1);
        var round = competition.GetByTestId("round");
        await Assertions.Expect(round).ToHaveCountAsync(1);
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "pending");
        await Assertions.Expect(round.Locator(".round-label")).ToHaveTextAsync("Round 1: Week 3 notes, paragraph 1, short");
        await TestBrowser.Screenshot(teacher, "cohort-console-ready.png");
        log("competition created");

        // --- Start: every student's page takes them to their heat, two heats for three students.
        await round.GetByTestId("start-round").ClickAsync();
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "running");
        var rooms = new Dictionary<string, string>();
        foreach (var student in students)
        {
            var handle = await student.Page.WaitForFunctionAsync("() => /^\\/r\\/[^/]+$/.test(location.pathname) && location.pathname.slice(3)");
            rooms[student.PlayerId] = await handle.JsonValueAsync<string>();
            Assert.Matches(Code, rooms[student.PlayerId]);
        }

        var heats = rooms.Values.GroupBy(room => room).Select(group => group.Count()).Order().ToArray();
        Assert.Equal([1, 2], heats);
        var shownHeats = round.GetByTestId("heat");
        await Assertions.Expect(shownHeats).ToHaveCountAsync(2);
        var shownRooms = await shownHeats.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.roomCode)");
        Assert.Equal(rooms.Values.Distinct().Order(), shownRooms.Order());
        await TestBrowser.Screenshot(teacher, "cohort-console-running.png");
        log($"round started: heats {string.Join(", ", shownRooms)}");

        // --- Each types the passage; Ada much faster than Bo, Bo much faster than Cy.
        var texts = await Task.WhenAll(students.Select(student => student.WaitForPassage()));
        Assert.Single(texts.Distinct());
        Assert.StartsWith("Channels carry values between goroutines", texts[0], StringComparison.Ordinal);
        await Task.WhenAll(students.Select(student => student.WaitForTypingFocus()));
        (int Min, int Max)[] pace = [(45, 70), (110, 140), (190, 220)];
        await Task.WhenAll(students.Select(async (student, i) =>
        {
            await student.Begin(texts[i], seed: i + 1);
            await student.TypeTo(student.Length, pace[i].Min, pace[i].Max);
            await Assertions.Expect(student.Page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }));
        log("all three finished their heats");

        // --- The console: the round is done, placed over both heats: 3, 2 and 1 points in finishing speed.
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 20_000 });
        var order = students.Select(student => student.PlayerId).ToArray();
        var resultRows = round.GetByTestId("round-result-row");
        await Assertions.Expect(resultRows).ToHaveCountAsync(3);
        Assert.Equal(order, await resultRows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.playerId)"));
        Assert.Equal(["3", "2", "1"], await resultRows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.points)"));
        Assert.Equal(["1", "2", "3"], await resultRows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.place)"));
        await Assertions.Expect(resultRows.Locator("td:nth-child(2)")).ToHaveTextAsync(
            students.Select((student, i) => new Regex($"^{names[i]}#{student.PlayerId[..4]}")).ToArray());

        var standingRows = competition.GetByTestId("standings-row");
        await Assertions.Expect(standingRows).ToHaveCountAsync(3);
        Assert.Equal(order, await standingRows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.playerId)"));
        await Assertions.Expect(standingRows.GetByTestId("standings-points")).ToHaveTextAsync(["3", "2", "1"]);
        await Assertions.Expect(round.GetByTestId("start-round")).ToHaveCountAsync(0);
        await Assertions.Expect(teacher.GetByTestId("error-banner")).ToBeHiddenAsync();
        await TestBrowser.Screenshot(teacher, "cohort-console-done.png");
        log("results and standings on the console");

        // --- The CSV exports, fetched with the key in the header and saved from a blob.
        var standings = await Download(teacher, competition.GetByTestId("download-standings"));
        Assert.Equal(["place", "player_id", "name", "points", "rounds", "total_wpm", "mean_accuracy"], standings[0]);
        Assert.Equal(4, standings.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), standings[i + 1][0]);
            Assert.Equal(order[i], standings[i + 1][1]);
            Assert.Equal(names[i], standings[i + 1][2]);
            Assert.Equal((3 - i).ToString(CultureInfo.InvariantCulture), standings[i + 1][3]);
            Assert.Equal("1", standings[i + 1][4]);
        }

        var roundsCsv = await Download(teacher, competition.GetByTestId("download-rounds"));
        Assert.Equal(["round", "heat", "place", "player_id", "name", "points", "finished", "wpm", "accuracy", "time_ms"], roundsCsv[0]);
        Assert.Equal(order, roundsCsv.Skip(1).Select(row => row[3]));
        Assert.Equal(["3", "2", "1"], roundsCsv.Skip(1).Select(row => row[5]));
        Assert.All(roundsCsv.Skip(1), row => Assert.Equal("true", row[6]));
        log("CSV exports checked");

        // --- Back on the cohort page, each student finds their own row in the standings.
        for (var i = 0; i < students.Count; i++)
        {
            var page = students[i].Page;
            await page.GotoAsync($"/c/{code}");
            var own = page.Locator("[data-testid=standings-row][data-own=true]");
            await Assertions.Expect(own).ToHaveCountAsync(1);
            await Assertions.Expect(own).ToHaveAttributeAsync("data-player-id", students[i].PlayerId);
            await Assertions.Expect(own).ToHaveAttributeAsync("data-points", (3 - i).ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(page.GetByTestId("round")).ToHaveAttributeAsync("data-state", "done");
            await Assertions.Expect(page.GetByTestId("round-own-result")).ToHaveTextAsync($"you: {Ordinal(i + 1)}, {3 - i} point{(i == 2 ? "" : "s")}");
        }

        await TestBrowser.Screenshot(students[0].Page, "cohort-student.png");

        // --- A phone's width: nothing scrolls sideways, on the console or on a student's page.
        foreach (var page in new[] { teacher, students[1].Page })
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390");
        }

        await TestBrowser.Screenshot(teacher, "cohort-console-390.png");
        log("student pages and narrow screens checked");
    }

    [Fact]
    public Task A_marathon_fills_the_console_heatmap_as_two_students_type_their_steps() =>
        BrowserScene.Play(
            output,
            "marathon",
            players: 3,
            new Dictionary<string, string?> { ["Cohorts:StepCountdown"] = "00:00:01" },
            (gateway, pages, log) => MarathonScript(gateway, pages[0], pages.Skip(1).ToList(), log));

    private static async Task MarathonScript(GatewayInstance gateway, BrowserPlayer instructorPage, IReadOnlyList<BrowserPlayer> students, Action<string> log)
    {
        var teacher = instructorPage.Page;

        // --- The cohort comes from REST; the console is opened with its key like on any other device.
        var instructor = await gateway.Register("Ms Hopper");
        using var created = await SendJson(gateway, HttpMethod.Post, "/api/cohorts", token: instructor.Token, body: new { name = "Marathon class" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var cohort = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var code = cohort.GetProperty("code").GetString()!;
        var key = cohort.GetProperty("instructorKey").GetString()!;
        log($"cohort {code} created over REST");

        string[] names = ["Ada", "Bo"];
        for (var i = 0; i < students.Count; i++)
        {
            var page = students[i].Page;
            await page.GotoAsync($"/c/{code}");
            await page.GetByTestId("name-input").FillAsync(names[i]);
            await page.GetByTestId("save-name").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cohort-page")).ToHaveAttributeAsync("data-state", "ready");
            await Assertions.Expect(page.GetByTestId("marathon")).ToHaveCountAsync(0);
            students[i].PlayerId = await students[i].WaitForPlayerId();
        }

        log("two students joined");

        await teacher.GotoAsync($"/c/{code}/console");
        await teacher.GetByTestId("instructor-key-input").FillAsync(key);
        await teacher.GetByTestId("unlock-console").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("cohort-console")).ToHaveAttributeAsync("data-state", "ready");
        var card = teacher.GetByTestId("marathon-console");
        await Assertions.Expect(card.GetByTestId("no-marathon")).ToBeVisibleAsync();

        // --- The console opens a marathon through the mini guide in short steps.
        await card.Locator("[data-testid=marathon-guide] option[value=mini]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await card.GetByTestId("marathon-guide").SelectOptionAsync("mini");
        await card.GetByTestId("marathon-length").SelectOptionAsync("short");
        await card.GetByTestId("open-marathon").ClickAsync();
        var open = card.GetByTestId("marathon-open");
        await Assertions.Expect(open).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByTestId("marathon-form")).ToBeHiddenAsync();
        await Assertions.Expect(open).ToHaveAttributeAsync("data-guide-id", "mini");
        await Assertions.Expect(open.GetByTestId("marathon-guide-title")).ToHaveTextAsync("Mini Guide");

        var view = await InstructorView(gateway, code, key);
        var steps = view.GetProperty("marathon").GetProperty("steps").EnumerateArray().ToList();
        Assert.True(steps.Count >= 3, $"the mini guide makes {steps.Count} short steps; the test types two and expects a third");
        var stepCount = steps.Count.ToString(CultureInfo.InvariantCulture);
        await Assertions.Expect(open.GetByTestId("marathon-step-count")).ToHaveAttributeAsync("data-steps", stepCount);
        await Assertions.Expect(open.GetByTestId("marathon-step-count")).ToHaveTextAsync($"{stepCount} steps");

        var heatmap = card.GetByTestId("marathon-heatmap");
        await Assertions.Expect(heatmap.Locator("caption")).ToHaveTextAsync("Accuracy of each student on each step");
        var stepHeads = heatmap.GetByTestId("heatmap-step");
        await Assertions.Expect(stepHeads).ToHaveCountAsync(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var first = steps[i].GetProperty("firstParagraphIndex").GetInt32() + 1;
            var last = first + steps[i].GetProperty("paragraphCount").GetInt32() - 1;
            var range = first == last ? $"paragraph {first}" : $"paragraphs {first}–{last}";
            var head = stepHeads.Nth(i);
            await Assertions.Expect(head).ToHaveAttributeAsync("scope", "col");
            await Assertions.Expect(head).ToHaveAttributeAsync("abbr", $"Step {i + 1}");
            await Assertions.Expect(head).ToHaveAttributeAsync("title", new Regex($"^{Regex.Escape(range)}( · .+)?$"));
            await Assertions.Expect(head).ToContainTextAsync($"Step {i + 1}");
        }

        await Assertions.Expect(heatmap.GetByTestId("heatmap-row")).ToHaveCountAsync(2);
        await Assertions.Expect(heatmap.Locator("[data-testid=heat-cell][data-typed=true]")).ToHaveCountAsync(0);
        log($"marathon open: {steps.Count} steps");

        // --- Each student's page now has the marathon; Ada types steps 1 and 2, the second with a slip she fixes, Bo types step 1.
        foreach (var student in students)
        {
            await Assertions.Expect(student.Page.GetByTestId("marathon-step")).ToHaveTextAsync($"Step 1 of {stepCount}");
        }

        var (ada, bo) = (students[0], students[1]);
        var adaFirst = await TypeStep(ada, code, 1, stepCount, slipAfter: null, seed: 1);
        await Assertions.Expect(ada.Page.GetByTestId("marathon-step")).ToHaveTextAsync($"Step 2 of {stepCount}");
        await Assertions.Expect(ada.Page.Locator("[data-testid=own-accuracy][data-step='0']")).ToHaveTextAsync("100.0%");
        log($"Ada typed step 1 ({adaFirst:P1})");

        var (adaSecond, boFirst) = (TypeStep(ada, code, 2, stepCount, slipAfter: 3, seed: 2), TypeStep(bo, code, 1, stepCount, slipAfter: null, seed: 3));
        await Task.WhenAll(adaSecond, boFirst);
        var slipped = await adaSecond;
        Assert.Equal(1.0, adaFirst);
        Assert.Equal(1.0, await boFirst);
        Assert.True(slipped < 1.0);
        log($"Ada typed step 2 ({slipped:P2}), Bo step 1");

        // The server counted the keys as the test pressed them.
        var counted = (await Eventually.Get(
            () => InstructorView(gateway, code, key),
            v => v.GetProperty("marathon").GetProperty("progress").EnumerateArray().Sum(p => p.GetProperty("done").GetInt32()) == 3,
            "three steps to be counted")).GetProperty("marathon");
        var adaResults = counted.GetProperty("progress").EnumerateArray().Single(p => p.GetProperty("playerId").GetString() == ada.PlayerId).GetProperty("results");
        Assert.Equal(slipped, adaResults[1].GetProperty("accuracy").GetDouble(), 12);

        // --- The console's heatmap, refreshed by its poll.
        var slippedText = Percent(slipped);
        var adaRow = heatmap.Locator($"[data-testid=heatmap-row][data-player-id='{ada.PlayerId}']");
        var boRow = heatmap.Locator($"[data-testid=heatmap-row][data-player-id='{bo.PlayerId}']");
        await Assertions.Expect(adaRow.Locator("[data-testid=heat-cell][data-step='0']")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(adaRow.Locator("[data-testid=heat-cell][data-step='1']")).ToHaveTextAsync(slippedText);
        await Assertions.Expect(adaRow.Locator("[data-testid=heat-cell][data-step='2']")).ToHaveAttributeAsync("data-typed", "false");
        await Assertions.Expect(adaRow.GetByTestId("heatmap-progress")).ToHaveTextAsync($"2 / {stepCount}");
        await Assertions.Expect(adaRow.Locator("th[scope=row]")).ToHaveTextAsync(new Regex($"^Ada#{ada.PlayerId[..4]}$"));
        await Assertions.Expect(boRow.Locator("[data-testid=heat-cell][data-step='0']")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(boRow.Locator("[data-testid=heat-cell][data-step='1']")).ToHaveTextAsync("");
        await Assertions.Expect(boRow.Locator("[data-testid=heat-cell][data-step='1']")).ToHaveAttributeAsync("data-typed", "false");
        await Assertions.Expect(boRow.GetByTestId("heatmap-progress")).ToHaveTextAsync($"1 / {stepCount}");
        var median = heatmap.GetByTestId("heatmap-median");
        await Assertions.Expect(median.Locator("th[scope=row]")).ToHaveTextAsync("Median");
        await Assertions.Expect(median.Locator("[data-step='0']")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(median.Locator("[data-step='1']")).ToHaveTextAsync(slippedText);
        await Assertions.Expect(median.Locator("[data-step='2']")).ToHaveTextAsync("");

        // Colour repeats the number: the slipped cell is a warmer hue than a perfect one.
        var hues = await heatmap.Locator("[data-testid=heat-cell][data-typed=true]").EvaluateAllAsync<int[]>(
            "els => els.map(e => parseInt(e.style.getPropertyValue('--heat-hue'), 10))");
        Assert.Equal(3, hues.Length);
        var slippedHue = await adaRow.Locator("[data-testid=heat-cell][data-step='1']").EvaluateAsync<int>("e => parseInt(e.style.getPropertyValue('--heat-hue'), 10)");
        Assert.True(slippedHue < hues.Max(), $"a cell of {slippedText} has hue {slippedHue}, a perfect one {hues.Max()}");
        await Assertions.Expect(card.GetByTestId("replace-marathon")).ToHaveCountAsync(0);
        await Assertions.Expect(teacher.GetByTestId("error-banner")).ToBeHiddenAsync();
        await card.ScrollIntoViewIfNeededAsync();
        // The same by paragraph, for the paragraphs of the two steps typed: Ada's row full, Bo's for the first step.
        var byParagraph = card.GetByTestId("paragraph-heatmap");
        var paragraphColumns = await byParagraph.GetByTestId("heatmap-paragraph").CountAsync();
        Assert.True(paragraphColumns >= 2, $"{paragraphColumns} paragraph columns");
        var adaParagraphs = byParagraph.Locator($"[data-testid=paragraph-row][data-player-id='{ada.PlayerId}'] [data-testid=paragraph-cell]");
        await Assertions.Expect(adaParagraphs.And(card.Locator("[data-typed=true]"))).ToHaveCountAsync(paragraphColumns);
        Assert.All(await adaParagraphs.EvaluateAllAsync<int[]>("els => els.map(e => +e.dataset.spentMs)"), spent => Assert.True(spent > 0));
        var boTyped = byParagraph.Locator($"[data-testid=paragraph-row][data-player-id='{bo.PlayerId}'] [data-testid=paragraph-cell][data-typed=true]");
        await Assertions.Expect(boTyped.First).ToHaveTextAsync("100.0%");
        await TestBrowser.Screenshot(teacher, "cohort-marathon-heatmap.png");
        log($"heatmaps checked: {paragraphColumns} paragraph columns");

        // --- Ada's page: her third step is next, her two results and the class median beside them.
        await ada.Page.GotoAsync($"/c/{code}");
        await Assertions.Expect(ada.Page.GetByTestId("marathon-step")).ToHaveTextAsync($"Step 3 of {stepCount}");
        await Assertions.Expect(ada.Page.Locator("[data-testid=own-accuracy][data-step='1']")).ToHaveTextAsync(slippedText);
        await Assertions.Expect(ada.Page.Locator("[data-testid=median-accuracy][data-step='0']")).ToHaveTextAsync("100.0%");
        await Assertions.Expect(ada.Page.GetByTestId("marathon-next")).ToHaveTextAsync("Type the next step");
        await TestBrowser.Screenshot(ada.Page, "cohort-marathon-student.png");

        // --- The CSV: one row per student per paragraph of each step typed, with the step's figures on each.
        var csv = await Download(teacher, card.GetByTestId("download-marathon"));
        Assert.Equal(["player_id", "name", "step", "paragraph", "split_ms", "paragraph_accuracy", "step_wpm", "step_accuracy", "step_time_ms", "at"], csv[0]);
        var rows = csv.Skip(1).GroupBy(row => (row[0], row[2])).ToDictionary(group => group.Key, group => group.ToList());
        Assert.Equal(3, rows.Count);
        Assert.Equal(paragraphColumns, csv.Count - 1 - rows[(bo.PlayerId, "1")].Count);
        foreach (var (player, step, name, accuracy) in new[] { (ada.PlayerId, "1", "Ada", 1.0), (ada.PlayerId, "2", "Ada", slipped), (bo.PlayerId, "1", "Bo", 1.0) })
        {
            Assert.All(rows[(player, step)], row => Assert.Equal(name, row[1]));
            Assert.All(rows[(player, step)], row => Assert.Equal(accuracy, double.Parse(row[7], CultureInfo.InvariantCulture), 4));
            Assert.Equal(rows[(player, step)][^1][8], rows[(player, step)][^1][4]);
        }

        Assert.Equal((steps[1].GetProperty("firstParagraphIndex").GetInt32() + 1).ToString(CultureInfo.InvariantCulture), rows[(ada.PlayerId, "2")][0][3]);
        log("marathon CSV checked");

        // --- A phone's width: the heatmap scrolls in its own box, the page does not scroll sideways.
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390");
        foreach (var scroll in await card.Locator(".heatmap-scroll").AllAsync())
        {
            await Assertions.Expect(scroll).ToHaveCSSAsync("overflow-x", "auto");
        }

        await ada.Page.SetViewportSizeAsync(390, 844);
        await ada.Page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390");
        await card.ScrollIntoViewIfNeededAsync();
        await TestBrowser.Screenshot(teacher, "cohort-marathon-heatmap-390.png");
        log("narrow screens checked");
    }

    [Fact]
    public Task The_console_follows_every_heat_live_and_its_creator_gets_a_new_key_after_losing_it() =>
        BrowserScene.Play(
            output,
            "live",
            players: 4,
            new Dictionary<string, string?>
            {
                ["Cohorts:HeatSize"] = "2",
                ["Cohorts:RoundCountdown"] = "00:00:02",
                ["Rooms:Countdown"] = "00:00:01",
            },
            (gateway, pages, log) => LiveScript(gateway, pages[0], pages.Skip(1).ToList(), log));

    private static async Task LiveScript(GatewayInstance gateway, BrowserPlayer instructorPage, IReadOnlyList<BrowserPlayer> students, Action<string> log)
    {
        var teacher = instructorPage.Page;

        // --- Created through the page, so the creator is the player of the instructor's browser.
        await teacher.GotoAsync("/c");
        await teacher.GetByTestId("name-input").FillAsync("Ms Hopper");
        await teacher.GetByTestId("cohort-name-input").FillAsync("Live class");
        await teacher.GetByTestId("create-cohort").ClickAsync();
        await Assertions.Expect(teacher.GetByTestId("created-cohort-code")).ToHaveTextAsync(Code);
        var code = (await teacher.GetByTestId("created-cohort-code").TextContentAsync())!;
        var firstKey = await teacher.GetByTestId("instructor-key").InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(firstKey));

        string[] names = ["Ada", "Bo", "Cy"];
        for (var i = 0; i < students.Count; i++)
        {
            var page = students[i].Page;
            await page.GotoAsync($"/c/{code}");
            await page.GetByTestId("name-input").FillAsync(names[i]);
            await page.GetByTestId("save-name").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cohort-page")).ToHaveAttributeAsync("data-state", "ready");
            students[i].PlayerId = await students[i].WaitForPlayerId();
        }

        log($"cohort {code} created, three students joined");

        await teacher.GetByTestId("open-console").ClickAsync();
        var consoleScreen = teacher.GetByTestId("cohort-console");
        await Assertions.Expect(consoleScreen).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(teacher.GetByTestId("online-count")).ToHaveAttributeAsync("data-online", "3");
        var panel = teacher.GetByTestId("live-panel");
        await Assertions.Expect(panel).ToBeHiddenAsync();

        await teacher.GetByTestId("competition-name-input").FillAsync("Live");
        await teacher.Locator("[data-testid=round-guide] option[value=mini]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await teacher.GetByTestId("round-guide").SelectOptionAsync("mini");
        await teacher.GetByTestId("round-paragraph").FillAsync("1");
        await teacher.GetByTestId("round-length").SelectOptionAsync("short");
        await teacher.GetByTestId("create-competition").ClickAsync();
        var round = teacher.GetByTestId("competition").GetByTestId("round");
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "pending");
        await round.GetByTestId("start-round").ClickAsync();
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "running");

        var rooms = new Dictionary<string, string>();
        foreach (var student in students)
        {
            var handle = await student.Page.WaitForFunctionAsync("() => /^\\/r\\/[^/]+$/.test(location.pathname) && location.pathname.slice(3)");
            rooms[student.PlayerId] = await handle.JsonValueAsync<string>();
        }

        Assert.Equal([1, 2], rooms.Values.GroupBy(room => room).Select(group => group.Count()).Order().ToArray());

        // --- Both heats on one screen, from the first second of the round.
        await Assertions.Expect(panel).ToBeVisibleAsync();
        var liveHeats = panel.GetByTestId("live-heat");
        await Assertions.Expect(liveHeats).ToHaveCountAsync(2);
        Assert.Equal(rooms.Values.Distinct().Order(), (await liveHeats.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.roomCode)")).Order());
        await Assertions.Expect(liveHeats.GetByTestId("live-heat-room")).ToHaveTextAsync(new Regex[] { Code, Code });
        log($"round started: live heats {string.Join(", ", rooms.Values.Distinct())}");

        // --- Ada types fast, Bo and Cy slowly; the console watches while they do.
        var texts = await Task.WhenAll(students.Select(student => student.WaitForPassage()));
        await Task.WhenAll(students.Select(student => student.WaitForTypingFocus()));
        (int Min, int Max)[] pace = [(35, 55), (230, 270), (230, 270)];
        var typed = students.Select(async (student, i) =>
        {
            await student.Begin(texts[i], seed: i + 1);
            await student.TypeTo(student.Length, pace[i].Min, pace[i].Max);
        }).ToArray();
        var typing = Task.WhenAll(students.Select(async (student, i) =>
        {
            await typed[i];
            await Assertions.Expect(student.Page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }));

        string RacerSelector(BrowserPlayer student) =>
            $"[data-testid=live-heat][data-room-code='{rooms[student.PlayerId]}'] [data-testid=live-racer][data-player-id='{student.PlayerId}']";
        for (var i = 0; i < students.Count; i++)
        {
            var row = teacher.Locator(RacerSelector(students[i]));
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator("th[scope=row]")).ToHaveTextAsync(new Regex($"^{names[i]}#{students[i].PlayerId[..4]}"));
            var bar = row.GetByTestId("live-progress");
            await Assertions.Expect(bar).ToHaveAttributeAsync("role", "progressbar");
            await Assertions.Expect(bar).ToHaveAttributeAsync("aria-valuemin", "0");
            await Assertions.Expect(bar).ToHaveAttributeAsync("aria-valuemax", students[i].Length.ToString(CultureInfo.InvariantCulture));
        }

        var cy = students[2];
        await Assertions.Expect(teacher.Locator($"[data-testid=live-heat][data-room-code='{rooms[cy.PlayerId]}']")).ToHaveAttributeAsync("data-phase", "racing");
        var cyBar = $"{RacerSelector(cy)} [data-testid=live-progress]";
        var before = await ProgressAbove(teacher, cyBar, 0);
        var after = await ProgressAbove(teacher, cyBar, before);
        Assert.True(after > before);
        log($"Cy's bar grew from {before} to {after}");

        // The bar, its percentage and its aria values are one reading of the same answer.
        var reading = await teacher.Locator(RacerSelector(cy)).EvaluateAsync<JsonElement>(
            """
            row => {
              const bar = row.querySelector('[data-testid=live-progress]');
              return { now: +bar.getAttribute('aria-valuenow'), max: +bar.getAttribute('aria-valuemax'),
                       text: row.querySelector('[data-testid=live-percent]').textContent, position: +row.dataset.position };
            }
            """);
        var now = reading.GetProperty("now").GetInt32();
        var max = reading.GetProperty("max").GetInt32();
        Assert.Equal($"{now * 100 / max}%", reading.GetProperty("text").GetString());
        Assert.Equal(now, reading.GetProperty("position").GetInt32());

        // Ada finishes long before the others: a ✓ on her row while theirs are still racing, and every heat in standing order.
        // Her last key first: on a loaded machine even her fast typing takes 20 s and more.
        await typed[0];
        var adaRow = teacher.Locator(RacerSelector(students[0]));
        await Assertions.Expect(adaRow).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(adaRow.GetByTestId("live-finished")).ToContainTextAsync("✓");
        await Assertions.Expect(adaRow.GetByTestId("live-progress")).ToHaveAttributeAsync("aria-valuenow", students[0].Length.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(teacher.Locator(RacerSelector(cy))).ToHaveAttributeAsync("data-finished", "false");
        await Assertions.Expect(teacher.Locator(RacerSelector(cy)).GetByTestId("live-finished")).ToHaveTextAsync("");
        foreach (var heat in await liveHeats.AllAsync())
        {
            var order = await heat.GetByTestId("live-racer").EvaluateAllAsync<int[]>("els => els.map(e => +e.dataset.position)");
            Assert.Equal(order.OrderDescending(), order);
        }

        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "running");
        await Assertions.Expect(teacher.GetByTestId("error-banner")).ToBeHiddenAsync();
        await TestBrowser.Screenshot(teacher, "cohort-console-live.png");

        // On a phone's width the heats stack, and the page still does not scroll sideways.
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 390");
        await panel.ScrollIntoViewIfNeededAsync();
        await TestBrowser.Screenshot(teacher, "cohort-console-live-390.png");
        await teacher.SetViewportSizeAsync(1280, 900);
        await typing;
        log("all three finished");

        // --- The round is over: the live panel goes, the results stay.
        await Assertions.Expect(round).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 20_000 });
        await Assertions.Expect(panel).ToBeHiddenAsync();
        var resultRows = round.GetByTestId("round-result-row");
        await Assertions.Expect(resultRows).ToHaveCountAsync(3);
        await Assertions.Expect(resultRows.First).ToHaveAttributeAsync("data-player-id", students[0].PlayerId);
        log("live panel gone, results shown");

        // --- The browser forgets the key: the console asks for it, and offers its creator a new one.
        await teacher.EvaluateAsync("code => localStorage.removeItem('typingrace.instructorKey.' + code)", code);
        await teacher.ReloadAsync();
        await Assertions.Expect(consoleScreen).ToHaveAttributeAsync("data-state", "key");
        await Assertions.Expect(teacher.GetByTestId("instructor-key-input")).ToBeVisibleAsync();
        var recovery = teacher.GetByTestId("key-recovery");
        await Assertions.Expect(recovery).ToBeVisibleAsync();
        await Assertions.Expect(recovery).ToContainTextAsync("Lost the key?");
        await recovery.GetByTestId("get-new-key").ClickAsync();
        await Assertions.Expect(consoleScreen).ToHaveAttributeAsync("data-state", "ready");
        var newKey = await teacher.GetByTestId("new-instructor-key").InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(newKey));
        Assert.NotEqual(firstKey, newKey);
        Assert.Equal(newKey, await StoredKey(teacher, code));
        await Assertions.Expect(teacher.GetByTestId("new-key-note")).ToContainTextAsync("shown only this once");
        await Assertions.Expect(teacher.GetByTestId("cohort-name")).ToHaveTextAsync("Live class");
        await TestBrowser.Screenshot(teacher, "cohort-console-new-key.png");

        using (var old = await SendJson(gateway, HttpMethod.Get, $"/api/cohorts/{code}", key: firstKey))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, old.StatusCode);
            Assert.Equal("instructor-key-required", JsonDocument.Parse(await old.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        Assert.Equal(JsonValueKind.Array, (await InstructorView(gateway, code, newKey)).GetProperty("instructors").ValueKind);
        log("a new key from the creator's player; the old one is refused");

        // --- Ada becomes a co-instructor from the Members card; her own player may then get a new key.
        var ada = students[0];
        var member = Member(teacher, ada.PlayerId);
        await Assertions.Expect(member).ToHaveAttributeAsync("data-co-instructor", "false");
        await member.GetByTestId("make-co-instructor").ClickAsync();
        await member.GetByTestId("confirm-co-instructor").ClickAsync();
        await Assertions.Expect(member).ToHaveAttributeAsync("data-co-instructor", "true");
        await Assertions.Expect(member.GetByTestId("co-instructor-badge")).ToHaveTextAsync("co-instructor");
        await Assertions.Expect(member.GetByTestId("make-co-instructor")).ToHaveCountAsync(0);
        await Assertions.Expect(Member(teacher, students[1].PlayerId).GetByTestId("make-co-instructor")).ToHaveCountAsync(1);
        Assert.Contains(ada.PlayerId, (await InstructorView(gateway, code, newKey)).GetProperty("instructors").EnumerateArray().Select(id => id.GetString()));

        // Her console, with no key in her browser, offers her one.
        await ada.Page.GotoAsync($"/c/{code}/console");
        await Assertions.Expect(ada.Page.GetByTestId("cohort-console")).ToHaveAttributeAsync("data-state", "key");
        await Assertions.Expect(ada.Page.GetByTestId("key-recovery")).ToBeVisibleAsync();

        var adaToken = await ada.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('typingrace.player')).token");
        using (var rotated = await SendJson(gateway, HttpMethod.Post, $"/api/cohorts/{code}/instructor-key", token: adaToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, rotated.StatusCode);
            var adaKey = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("instructorKey").GetString();
            Assert.False(string.IsNullOrWhiteSpace(adaKey));
            Assert.NotEqual(newKey, adaKey);
        }

        // The instructor's console notices on its next poll that its key no longer opens the cohort.
        await Assertions.Expect(consoleScreen).ToHaveAttributeAsync("data-state", "key");
        log("Ada, a co-instructor, got a key of her own");
    }

    /// <summary>Waits for a progress bar's aria-valuenow to pass <paramref name="floor"/>, and answers it.</summary>
    private static async Task<int> ProgressAbove(IPage page, string selector, int floor)
    {
        var handle = await page.WaitForFunctionAsync(
            "([selector, floor]) => { const v = Number(document.querySelector(selector)?.getAttribute('aria-valuenow')); return v > floor ? v : 0; }",
            new object[] { selector, floor },
            new() { Timeout = 20_000 });
        return await handle.JsonValueAsync<int>();
    }

    /// <summary>
    /// From the cohort page, asks for the next step, types it in its room of one (a slip fixed at once when
    /// <paramref name="slipAfter"/> is set), comes back and sees it counted. Returns the accuracy the keys make.
    /// </summary>
    private static async Task<double> TypeStep(BrowserPlayer student, string code, int step, string stepCount, int? slipAfter, int seed)
    {
        var page = student.Page;
        await page.GotoAsync($"/c/{code}");
        await Assertions.Expect(page.GetByTestId("marathon-step")).ToHaveTextAsync($"Step {step} of {stepCount}");
        await page.GetByTestId("marathon-next").ClickAsync();
        await page.WaitForFunctionAsync("() => /^\\/r\\/[^/]+$/.test(location.pathname)");
        var text = await student.WaitForPassage();
        await student.WaitForTypingFocus();
        var (correct, wrong) = (student.Correct, student.Wrong);
        await student.Begin(text, seed);
        if (slipAfter is { } at)
        {
            await student.TypeTo(at, 30, 60);
            await student.Mistake(1);
        }

        await student.TypeTo(student.Length, 30, 60);
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // BrowserPlayer counts over its whole life; this step's keys are the difference.
        var (right, slips) = (student.Correct - correct, student.Wrong - wrong);
        await page.GotoAsync($"/c/{code}");
        await Assertions.Expect(page.GetByTestId("marathon-step").Or(page.GetByTestId("marathon-done")))
            .ToHaveAttributeAsync("data-done", step.ToString(CultureInfo.InvariantCulture));
        return (double)right / (right + slips);
    }

    /// <summary>An accuracy as the pages write it: a percentage with one decimal.</summary>
    private static string Percent(double accuracy) => (accuracy * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static async Task<JsonElement> InstructorView(GatewayInstance gateway, string code, string key)
    {
        using var response = await SendJson(gateway, HttpMethod.Get, $"/api/cohorts/{code}", key: key);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> SendJson(GatewayInstance gateway, HttpMethod method, string path, string? token = null, string? key = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (key is not null)
        {
            request.Headers.Add("X-Instructor-Key", key);
        }

        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        return gateway.Http.SendAsync(request);
    }

    private static string BaseUrl(IPage page) => new Uri(new Uri(page.Url), "/").ToString();

    private static Task<string?> StoredKey(IPage page, string code) =>
        page.EvaluateAsync<string?>("code => localStorage.getItem('typingrace.instructorKey.' + code)", code);

    private static ILocator Member(IPage page, string playerId) =>
        page.Locator($"[data-testid=cohort-member][data-player-id='{playerId}']");

    private static string Ordinal(int n) => n switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{n}th" };

    /// <summary>Clicks a download button and reads the saved file as CSV rows.</summary>
    private static async Task<List<string[]>> Download(IPage page, ILocator button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("blob:", download.Url, StringComparison.Ordinal);
        var path = await download.PathAsync();
        return ParseCsv(await File.ReadAllTextAsync(path));
    }

    /// <summary>Just enough RFC 4180 for these files: quoted fields with doubled quotes, CRLF or LF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }

        return rows.Where(r => r is not [""]).ToList();
    }
}
