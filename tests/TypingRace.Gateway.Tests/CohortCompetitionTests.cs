using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>A cohort's competition over REST and real SignalR clients: heats, points, standings, CSV, and the refusals.</summary>
public sealed class CohortCompetitionTests : IAsyncLifetime
{
    private GatewayInstance _gateway = null!;

    public async Task InitializeAsync()
    {
        var settings = GatewayInstance.CoHostedAtAPersonsPace();
        settings["Rooms:MaxMembers"] = "10";
        settings["Cohorts:HeatSize"] = "5";
        settings["Cohorts:RoundCountdown"] = "00:00:01";
        settings["Cohorts:StepCountdown"] = "00:00:00.300";
        settings["Cohorts:MaxGuides"] = "2";
        _gateway = await GatewayInstance.Start(settings);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Seven_students_race_three_rounds_in_heats_of_five_and_get_exact_points_standings_and_csv()
    {
        var instructor = await _gateway.Register("Ina");
        var (code, key) = await CreateCohort(instructor, "Bootcamp week 3");
        var names = new[] { "Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus" };
        var students = new List<RaceClient>();
        foreach (var name in names)
        {
            var player = await _gateway.Register(name);
            Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, $"/api/cohorts/{code}/join", player)).StatusCode);
            students.Add(await RaceClient.Connect(_gateway, player));
        }

        var competition = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new
        {
            name = "Warm-up",
            rounds = new[] { 0, 1, 2 }.Select(paragraph => new { guideId = TestGuides.MiniId, paragraphIndex = paragraph, length = "short" }),
        }), HttpStatusCode.Created);
        var id = competition.GetProperty("id").GetString()!;

        // Each round the students finish in a different order: the order they start typing in, a moment apart.
        int[][] orders = [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 1, 5, 2, 4]];
        var expectedPoints = new int[names.Length];
        for (var round = 0; round < orders.Length; round++)
        {
            foreach (var student in students)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Post, $"/api/cohorts/{code}/presence", student.Player)).StatusCode);
            }

            var started = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/{round + 1}/start", null, key), HttpStatusCode.OK);
            var heats = started.GetProperty("heats").EnumerateArray().ToList();
            Assert.Equal([4, 3], heats.Select(heat => heat.GetProperty("playerIds").GetArrayLength()));
            Assert.Equal(students.Select(s => s.Player.PlayerId).Order(), heats.SelectMany(h => h.GetProperty("playerIds").EnumerateArray().Select(p => p.GetString()!)).Order());

            // Each student's page learns their heat from the cohort, joins it over the hub, and races when it starts.
            var passage = TestGuides.Passage(round, PassageLength.Short);
            var keys = TypingScript.Correct(passage).ToList();
            var rooms = new Dictionary<RaceClient, string>();
            foreach (var student in students)
            {
                var view = await Json(await Send(HttpMethod.Get, $"/api/cohorts/{code}", student.Player), HttpStatusCode.OK);
                rooms[student] = view.GetProperty("you").GetProperty("heatRoomCode").GetString()!;
                student.ResumeAfter(0);
                await student.Join(rooms[student]);
            }

            foreach (var student in students)
            {
                await student.WaitForView(v => v.Code == rooms[student] && v.Phase == RoomPhase.Racing, $"{student.Player.Name}'s heat to start");
            }

            foreach (var index in orders[round])
            {
                await Task.Delay(150);
                var last = await students[index].Type(rooms[students[index]], keys, batchSize: 50);
                Assert.True(last.Finished);
            }

            for (var place = 0; place < names.Length; place++)
            {
                expectedPoints[orders[round][place]] += names.Length - place;
            }

            var done = await Eventually.Get(
                () => Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK),
                view => Round(view, id, round).GetProperty("state").GetString() == "done",
                $"round {round + 1} to be scored");
            var results = Round(done, id, round).GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(orders[round].Select(i => names[i]), results.Select(line => line.GetProperty("name").GetString()));
            Assert.Equal(Enumerable.Range(1, 7), results.Select(line => line.GetProperty("place").GetInt32()));
            Assert.Equal([7, 6, 5, 4, 3, 2, 1], results.Select(line => line.GetProperty("points").GetInt32()));
            Assert.All(results, line => Assert.True(line.GetProperty("finished").GetBoolean()));

            // Fifty keys a batch is no hand's speed: the instructor sees each result's flag; the points stand.
            Assert.All(results, line => Assert.Contains("tooFast", line.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString())));
        }

        // The standings add the points up; every student raced the three rounds.
        var cohort = await Json(await Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK);
        var standings = Competition(cohort, id).GetProperty("standings").EnumerateArray().ToList();
        Assert.Equal(
            names.Select((name, i) => (name, points: expectedPoints[i])).OrderByDescending(s => s.points).Select(s => s.points),
            standings.Select(s => s.GetProperty("points").GetInt32()));
        Assert.All(standings, s => Assert.Equal(3, s.GetProperty("rounds").GetInt32()));
        Assert.Equal(expectedPoints.Sum(), standings.Sum(s => s.GetProperty("points").GetInt32()));
        foreach (var standing in standings)
        {
            Assert.Equal(expectedPoints[Array.IndexOf(names, standing.GetProperty("name").GetString())], standing.GetProperty("points").GetInt32());
        }

        // The CSV the instructor downloads says the same, row for row.
        var csv = await (await Send(HttpMethod.Get, $"/api/cohorts/{code}/competitions/{id}/standings.csv", null, key)).Content.ReadAsStringAsync();
        var rows = csv.TrimEnd().Split('\n').Select(row => row.TrimEnd('\r')).ToList();
        Assert.Equal("place,player_id,name,points,rounds,total_wpm,mean_accuracy", rows[0]);
        Assert.Equal(
            standings.Select(s => string.Join(',',
                s.GetProperty("place").GetInt32(), s.GetProperty("playerId").GetString(), s.GetProperty("name").GetString(), s.GetProperty("points").GetInt32(), 3,
                Math.Round(s.GetProperty("wpm").GetDouble(), 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Math.Round(s.GetProperty("accuracy").GetDouble(), 4).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            rows.Skip(1));
        var roundsCsv = (await (await Send(HttpMethod.Get, $"/api/cohorts/{code}/competitions/{id}/rounds.csv", null, key)).Content.ReadAsStringAsync()).TrimEnd().Split('\n');
        Assert.Equal("round,heat,place,player_id,name,points,finished,wpm,accuracy,time_ms", roundsCsv[0].TrimEnd('\r'));
        Assert.Equal(1 + 3 * 7, roundsCsv.Length);

        foreach (var student in students)
        {
            await student.DisposeAsync();
        }
    }

    [Fact]
    public async Task Instructor_calls_need_the_key_students_see_only_their_cohorts_and_bad_requests_get_their_code()
    {
        var instructor = await _gateway.Register("Ina");
        var (code, key) = await CreateCohort(instructor, "Evening class");
        var (other, _) = await CreateCohort(instructor, "Morning class");
        var ada = await _gateway.Register("Ada");
        await Send(HttpMethod.Post, $"/api/cohorts/{code}/join", ada);

        await Refused(await Send(HttpMethod.Post, "/api/cohorts", instructor, body: new { name = "" }), HttpStatusCode.BadRequest, ErrorCodes.BadName);
        await Refused(await Send(HttpMethod.Get, "/api/cohorts/ZZZZZZ", ada), HttpStatusCode.NotFound, ErrorCodes.CohortNotFound);
        await Refused(await Send(HttpMethod.Get, $"/api/cohorts/{other}", ada), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{other}/presence", ada), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        var rounds = new[] { new { guideId = TestGuides.MiniId, paragraphIndex = 0, length = "short" } };
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", ada, body: new { name = "Mine", rounds }), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key + "x", new { name = "Mine", rounds }), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new { name = "Bad", rounds = new[] { new { guideId = "nope", paragraphIndex = 0, length = "short" } } }), HttpStatusCode.BadRequest, ErrorCodes.BadRound);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new { name = "Bad", rounds = new[] { new { guideId = TestGuides.MiniId, paragraphIndex = 99, length = "short" } } }), HttpStatusCode.BadRequest, ErrorCodes.BadRound);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new { name = "Bad", rounds = new[] { new { guideId = TestGuides.MiniId, paragraphIndex = 0, length = "huge" } } }), HttpStatusCode.BadRequest, ErrorCodes.BadRound);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/c9/rounds/1/start", null, key), HttpStatusCode.NotFound, ErrorCodes.CompetitionNotFound);

        var id = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new { name = "Quiz", rounds }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/2/start", null, key), HttpStatusCode.BadRequest, ErrorCodes.BadRound);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/abort", null, key), HttpStatusCode.BadRequest, ErrorCodes.BadRound);
        await Refused(await Send(HttpMethod.Delete, $"/api/cohorts/{code}/members/{ada.PlayerId}", ada), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);

        // A round starts with whoever is online, once at a time; aborted, it scores nothing and can run again.
        var started = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.OK);
        Assert.Equal([ada.PlayerId], started.GetProperty("heats")[0].GetProperty("playerIds").EnumerateArray().Select(p => p.GetString()));
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.BadRequest, ErrorCodes.RoundRunning);
        var aborted = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/abort", null, key), HttpStatusCode.OK);
        Assert.Equal("aborted", aborted.GetProperty("state").GetString());
        Assert.Empty(aborted.GetProperty("results").EnumerateArray());

        // Ended, the competition starts no round again and keeps its (empty) standings.
        var ended = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/end", null, key), HttpStatusCode.OK);
        Assert.True(ended.GetProperty("ended").GetBoolean());
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/end", ada), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.BadRequest, ErrorCodes.CompetitionEnded);
        var second = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new { name = "Quiz 2", rounds }), HttpStatusCode.Created)).GetProperty("id").GetString();

        // Removed, Ada no longer sees the cohort, and nobody is left to race.
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/api/cohorts/{code}/members/{ada.PlayerId}", null, key)).StatusCode);
        await Refused(await Send(HttpMethod.Get, $"/api/cohorts/{code}", ada), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{second}/rounds/1/start", null, key), HttpStatusCode.BadRequest, ErrorCodes.NobodyOnline);
    }

    [Fact]
    public async Task A_rounds_human_paced_results_rank_on_the_cohort_boards_which_only_its_students_and_instructor_read()
    {
        var (_, code, key, ada, bo) = await ClassOfTwo("Boards class");
        var stranger = await _gateway.Register("Cy");

        var id = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new
        {
            name = "Sprint",
            rounds = new[] { new { guideId = TestGuides.MiniId, paragraphIndex = 0, length = "short" } },
        }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var heat = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.OK))
            .GetProperty("heats")[0].GetProperty("roomCode").GetString()!;
        foreach (var student in new[] { ada, bo })
        {
            await student.Join(heat);
            await student.WaitForView(v => v.Code == heat && v.Phase == RoomPhase.Racing, "the heat to start");
        }

        // At a person's pace, so the results qualify for boards; Bo a little behind Ada.
        await TypingScript.PlayHumanly(TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)), msPerKey: 60, seed: 11, async presses =>
        {
            await ada.Connection.InvokeAsync<KeyAck>("SendKeys", heat, ada.NextBatch(presses));
            await Task.Delay(25);
            await bo.Connection.InvokeAsync<KeyAck>("SendKeys", heat, bo.NextBatch(presses));
        });

        await ada.WaitForView(v => v.Code == heat && v.Phase == RoomPhase.Results && v.Results!.All(line => line.Standing is not null), "results with standings");
        var board = $"/api/leaderboards?scope=cohort&id={code}&period=allTime&ranking=speed";
        var entries = await Eventually.Get(
            async () => (await Json(await Send(HttpMethod.Get, board, ada.Player), HttpStatusCode.OK)).GetProperty("entries").EnumerateArray().ToList(),
            list => list.Count == 2,
            "both results on the cohort board");
        Assert.Equal([ada.Player.PlayerId, bo.Player.PlayerId], entries.Select(e => e.GetProperty("playerId").GetString()));
        Assert.Equal(2, (await Json(await Send(HttpMethod.Get, board, null, key), HttpStatusCode.OK)).GetProperty("entries").GetArrayLength());
        await Refused(await Send(HttpMethod.Get, board, null), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        await Refused(await Send(HttpMethod.Get, board, stranger), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        await Refused(await Send(HttpMethod.Get, $"/api/leaderboards/rank?scope=cohort&id={code}&period=allTime&ranking=speed&playerId={ada.Player.PlayerId}", stranger), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        Assert.Equal(1, (await Json(await Send(HttpMethod.Get, $"/api/leaderboards/rank?scope=cohort&id={code}&period=allTime&ranking=speed&playerId={ada.Player.PlayerId}", bo.Player), HttpStatusCode.OK))
            .GetProperty("entry").GetProperty("rank").GetInt64());

        await ada.DisposeAsync();
        await bo.DisposeAsync();
    }

    [Fact]
    public async Task A_marathon_walks_the_guide_step_by_step_per_student_with_their_results_the_class_median_and_a_csv()
    {
        var (_, code, key, ada, bo) = await ClassOfTwo("Marathon class");
        var stranger = await _gateway.Register("Cy");

        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon/next", ada.Player), HttpStatusCode.NotFound, ErrorCodes.NoMarathon);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon", ada.Player, body: new { guideId = TestGuides.MiniId, length = "short" }), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon", null, key, new { guideId = "nope", length = "short" }), HttpStatusCode.NotFound, ErrorCodes.GuideNotFound);
        var opened = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon", null, key, new { guideId = TestGuides.MiniId, length = "short" }), HttpStatusCode.Created);
        var steps = Engine.Cohorts.Marathon.Steps(TestGuides.Mini, PassageLength.Short);
        Assert.True(steps.Count >= 3, $"the mini guide makes {steps.Count} short steps");
        Assert.Equal(steps.Select(step => step.FirstParagraphIndex), opened.GetProperty("steps").EnumerateArray().Select(step => step.GetProperty("firstParagraphIndex").GetInt32()));
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon/next", stranger), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);

        // Ada types every step, the second with two slips she fixes; Bo types the first. Each step is a room of one.
        var accuracies = new Dictionary<(string, int), double>();
        var paragraphAccuracies = new Dictionary<(string, int), double>();
        async Task TypeStep(RaceClient student, int expectedStep, bool slip)
        {
            var next = await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon/next", student.Player), HttpStatusCode.OK);
            Assert.Equal(expectedStep, next.GetProperty("step").GetInt32());
            var room = next.GetProperty("roomCode").GetString()!;
            student.ResumeAfter(0);
            await student.Join(room);
            await student.WaitForView(v => v.Code == room && v.Phase == RoomPhase.Racing, "the step to start");
            var passage = PassageBuilder.Build(TestGuides.Mini, steps[expectedStep].FirstParagraphIndex, PassageLength.Short);
            var keys = TypingScript.Correct(passage).ToList();
            var typed = slip ? keys.Take(3).Concat(["%", "%", "\b", "\b"]).Concat(keys.Skip(3)).ToList() : keys;
            Assert.True((await student.Type(room, typed, batchSize: 50)).Finished);
            accuracies[(student.Player.PlayerId, expectedStep)] = keys.Count / (double)(keys.Count + (slip ? 2 : 0));
            foreach (var (segment, i) in passage.Segments.Select((segment, i) => (segment, i)))
            {
                // The slips come after the third key, in the step's first paragraph.
                var typeable = Enumerable.Range(segment.Start, segment.Length).Count(at => !passage.IsAutoFilled(at));
                paragraphAccuracies[(student.Player.PlayerId, segment.ParagraphIndex)] = typeable / (double)(typeable + (slip && i == 0 ? 2 : 0));
            }

            await student.WaitForView(v => v.Code == room && v.Phase == RoomPhase.Results && v.CohortCode == code, "the step's results, with the way back to the cohort");
        }

        for (var step = 0; step < steps.Count; step++)
        {
            await TypeStep(ada, step, slip: step == 1);
        }

        await TypeStep(bo, 0, slip: false);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon/next", ada.Player), HttpStatusCode.BadRequest, ErrorCodes.MarathonDone);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/marathon", null, key, new { guideId = TestGuides.MiniId, length = "long" }), HttpStatusCode.BadRequest, ErrorCodes.MarathonStarted);

        // The instructor sees both students' rows; each step's accuracy is what the keys imply.
        var marathon = (await Eventually.Get(
            () => Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK),
            view => view.GetProperty("marathon").GetProperty("progress").EnumerateArray().Sum(p => p.GetProperty("done").GetInt32()) == steps.Count + 1,
            "every step typed to be counted")).GetProperty("marathon");
        foreach (var row in marathon.GetProperty("progress").EnumerateArray())
        {
            foreach (var result in row.GetProperty("results").EnumerateArray())
            {
                Assert.Equal(accuracies[(row.GetProperty("playerId").GetString()!, result.GetProperty("step").GetInt32())], result.GetProperty("accuracy").GetDouble(), 12);
            }
        }

        var median = marathon.GetProperty("median").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, steps.Count), median.Select(m => m.GetProperty("step").GetInt32()));
        Assert.Equal(1.0, median[0].GetProperty("accuracy").GetDouble());
        Assert.Equal(accuracies[(ada.Player.PlayerId, 1)], median[1].GetProperty("accuracy").GetDouble(), 12);

        // A student sees their own row only, with the class median.
        var seenByBo = (await Json(await Send(HttpMethod.Get, $"/api/cohorts/{code}", bo.Player), HttpStatusCode.OK)).GetProperty("marathon");
        Assert.Equal([bo.Player.PlayerId], seenByBo.GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("playerId").GetString()));
        Assert.Equal(steps.Count, seenByBo.GetProperty("median").GetArrayLength());

        var csv = (await (await Send(HttpMethod.Get, $"/api/cohorts/{code}/marathon.csv", null, key)).Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(r => r.TrimEnd('\r')).ToList();
        // One row per student per paragraph of each step typed: Ada's every paragraph, Bo's of the first step.
        Assert.Equal("player_id,name,step,paragraph,split_ms,paragraph_accuracy,step_wpm,step_accuracy,step_time_ms,at", csv[0]);
        Assert.Equal(steps.Sum(step => step.ParagraphCount) + steps[0].ParagraphCount, csv.Count - 1);
        var rows = csv.Skip(1).Select(row => row.Split(',')).ToList();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var row in rows)
        {
            var paragraph = int.Parse(row[3], invariant) - 1;
            Assert.Equal(Math.Round(paragraphAccuracies[(row[0], paragraph)], 4).ToString(invariant), row[5]);
        }

        // Within a step the splits grow, and the last one is the step's time: the racer's last key.
        foreach (var step in rows.GroupBy(row => (row[0], row[2])))
        {
            var splits = step.Select(row => long.Parse(row[4], invariant)).ToList();
            Assert.Equal(splits.Order(), splits);
            Assert.Equal(step.Last()[8], splits[^1].ToString(invariant));
        }

        var adaSecond = rows.Where(row => row[0] == ada.Player.PlayerId && row[2] == "2").ToList();
        Assert.Equal(Enumerable.Range(steps[1].FirstParagraphIndex + 1, steps[1].ParagraphCount).Select(p => p.ToString(invariant)), adaSecond.Select(row => row[3]));
        Assert.All(adaSecond, row => Assert.Equal(Math.Round(accuracies[(ada.Player.PlayerId, 1)], 4).ToString(invariant), row[7]));
        Assert.True(paragraphAccuracies[(ada.Player.PlayerId, steps[1].FirstParagraphIndex)] < 1, "the slips land in the step's first paragraph");
        await ada.DisposeAsync();
        await bo.DisposeAsync();
    }

    [Fact]
    public async Task The_live_view_shows_every_heat_as_it_stands_and_a_creator_who_lost_the_key_gets_a_new_one()
    {
        var (instructor, code, key, ada, bo) = await ClassOfTwo("Live class");

        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, $"/api/cohorts/{code}/live", null, key)).StatusCode);
        var id = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new
        {
            name = "Live",
            rounds = new[] { new { guideId = TestGuides.MiniId, paragraphIndex = 0, length = "short" } },
        }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var heat = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.OK))
            .GetProperty("heats")[0].GetProperty("roomCode").GetString()!;
        foreach (var student in new[] { ada, bo })
        {
            await student.Join(heat);
            await student.WaitForView(v => v.Code == heat && v.Phase == RoomPhase.Racing, "the heat to start");
        }

        // Ada types 20 characters and Bo 7: the live view has them there, with their names.
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        await ada.Type(heat, keys.Take(20));
        await bo.Type(heat, keys.Take(7));
        var live = await Json(await Send(HttpMethod.Get, $"/api/cohorts/{code}/live", null, key), HttpStatusCode.OK);
        Assert.Equal(id, live.GetProperty("competitionId").GetString());
        var racers = live.GetProperty("heats")[0].GetProperty("racers").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("position").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Ada"] = 20, ["Bo"] = 7 }, racers);
        Assert.Equal(TestGuides.Passage(0, PassageLength.Short).CharacterCount, live.GetProperty("heats")[0].GetProperty("characterCount").GetInt32());
        await Refused(await Send(HttpMethod.Get, $"/api/cohorts/{code}/live", ada.Player), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);

        // The creator lost the key: with their own player they get a new one, and the old one stops working.
        var seenByCreator = await Json(await Send(HttpMethod.Get, $"/api/cohorts/{code}", instructor), HttpStatusCode.OK);
        Assert.Equal([instructor.PlayerId], seenByCreator.GetProperty("instructors").EnumerateArray().Select(i => i.GetString()));
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/instructor-key", ada.Player), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        var renewed = (await Json(await Send(HttpMethod.Post, $"/api/cohorts/{code}/instructor-key", instructor), HttpStatusCode.OK)).GetProperty("instructorKey").GetString()!;
        Assert.NotEqual(key, renewed);
        await Refused(await Send(HttpMethod.Get, $"/api/cohorts/{code}/live", null, key), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"/api/cohorts/{code}/live", null, renewed)).StatusCode);

        // A co-instructor may do the same with their own player.
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/instructors", null, renewed, new { playerId = "0123456789abcdef0123456789abcdef" }), HttpStatusCode.Forbidden, ErrorCodes.NotAMember);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Post, $"/api/cohorts/{code}/instructors", null, renewed, new { playerId = ada.Player.PlayerId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Post, $"/api/cohorts/{code}/instructor-key", ada.Player)).StatusCode);
        await ada.DisposeAsync();
        await bo.DisposeAsync();
    }

    [Fact]
    public async Task An_instructor_imports_course_notes_to_the_cohort_and_a_round_races_them_on_the_cohorts_own_boards()
    {
        var instructor = await _gateway.Register("Ina");
        var (code, key) = await CreateCohort(instructor, "Go bootcamp");
        var ada = await _gateway.Register("Ada");
        await Send(HttpMethod.Post, $"/api/cohorts/{code}/join", ada);
        const string notes = """
            Goroutines and channels

            A goroutine is a function running at the same time as the others. Start one with the go keyword.

            • Channels carry values between goroutines.
            • A closed channel answers at once.
            """;
        var import = new { title = "Week 3 notes", format = "text", content = notes };

        // Only the key imports to the cohort: not a student's token, not a wrong key; a bad text says what is wrong.
        foreach (var path in new[] { $"/api/cohorts/{code}/guides/preview", $"/api/cohorts/{code}/guides" })
        {
            await Refused(await Send(HttpMethod.Post, path, ada, body: import), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
            await Refused(await Send(HttpMethod.Post, path, null, key + "x", import), HttpStatusCode.Forbidden, ErrorCodes.InstructorKeyRequired);
            await Refused(await Send(HttpMethod.Post, path, null, key, new { title = "Empty", format = "text", content = " \n " }), HttpStatusCode.BadRequest, ErrorCodes.GuideEmpty);
            await Refused(await Send(HttpMethod.Post, path, null, key, new { title = "", format = "text", content = notes }), HttpStatusCode.BadRequest, ErrorCodes.BadTitle);
        }

        await Refused(await Send(HttpMethod.Post, "/api/cohorts/ZZZZZZ/guides", null, key, import), HttpStatusCode.NotFound, ErrorCodes.CohortNotFound);

        // The preview is the guide as it would be saved, and saves nothing.
        var preview = await Json(Send(HttpMethod.Post, $"/api/cohorts/{code}/guides/preview", null, key, import), HttpStatusCode.OK);
        Assert.Equal(3, preview.GetProperty("paragraphCount").GetInt32());
        Assert.Empty((await Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK)).GetProperty("guides").EnumerateArray());

        var saved = await Json(Send(HttpMethod.Post, $"/api/cohorts/{code}/guides", null, key, import), HttpStatusCode.Created);
        var guideId = saved.GetProperty("id").GetString()!;
        Assert.StartsWith(GuideIds.ImportedPrefix, guideId, StringComparison.Ordinal);
        Assert.True(saved.GetProperty("imported").GetBoolean());
        var paragraphs = saved.GetProperty("paragraphs").EnumerateArray().ToList();
        Assert.Equal(
            ["A goroutine is a function running at the same time as the others. Start one with the go keyword.", "Channels carry values between goroutines.", "A closed channel answers at once."],
            paragraphs.Select(p => p.GetProperty("text").GetString()));
        Assert.All(paragraphs, p => Assert.Equal("Goroutines and channels", p.GetProperty("section").GetString()));

        // Students see the cohort's guides too; the instructor's list is the same one.
        var seen = await Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", ada), HttpStatusCode.OK);
        var listed = Assert.Single(seen.GetProperty("guides").EnumerateArray());
        Assert.Equal((guideId, "Week 3 notes", 3), (listed.GetProperty("id").GetString(), listed.GetProperty("title").GetString(), listed.GetProperty("paragraphCount").GetInt32()));

        // A round on the notes: Ada types the first paragraph and wins it; the result enters the cohort's board, not the global one.
        await using var client = await RaceClient.Connect(_gateway, ada);
        var competition = await Json(Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions", null, key, new
        {
            name = "Notes warm-up",
            rounds = new[] { new { guideId, paragraphIndex = 0, length = "short" } },
        }), HttpStatusCode.Created);
        var id = competition.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Post, $"/api/cohorts/{code}/presence", ada)).StatusCode);
        await Json(Send(HttpMethod.Post, $"/api/cohorts/{code}/competitions/{id}/rounds/1/start", null, key), HttpStatusCode.OK);
        var room = (await Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", ada), HttpStatusCode.OK)).GetProperty("you").GetProperty("heatRoomCode").GetString()!;
        var passage = PassageBuilder.Build(GuideImportTests.GuideOf(guideId, saved), 0, PassageLength.Short);
        var joined = await client.Join(room);
        Assert.Equal(guideId, joined.Guide.Id);
        await client.WaitForView(v => v.Code == room && v.Phase == RoomPhase.Racing, "the heat to start");
        Assert.Equal(passage.Text, client.LatestView!.Passage.Text);
        Assert.StartsWith(paragraphs[0].GetProperty("text").GetString()!, passage.Text, StringComparison.Ordinal);
        Assert.True((await client.Type(room, TypingScript.Correct(passage), batchSize: 20)).Finished);

        var done = await Eventually.Get(
            () => Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK),
            view => Round(view, id, 0).GetProperty("state").GetString() == "done",
            "the round on the imported notes to be scored");
        var line = Assert.Single(Round(done, id, 0).GetProperty("results").EnumerateArray());
        Assert.Equal((ada.PlayerId, 1, 1), (line.GetProperty("playerId").GetString(), line.GetProperty("place").GetInt32(), line.GetProperty("points").GetInt32()));

        // A cohort keeps at most Cohorts:MaxGuides (2 here): the third import is refused and saves nothing.
        await Json(Send(HttpMethod.Post, $"/api/cohorts/{code}/guides", null, key, import), HttpStatusCode.Created);
        await Refused(await Send(HttpMethod.Post, $"/api/cohorts/{code}/guides", null, key, import), HttpStatusCode.Conflict, ErrorCodes.TooManyGuides);
        Assert.Equal(2, (await Json(Send(HttpMethod.Get, $"/api/cohorts/{code}", null, key), HttpStatusCode.OK)).GetProperty("guides").GetArrayLength());
    }

    [Fact]
    public async Task A_heat_size_above_the_room_size_is_refused_at_start_with_the_setting_named()
    {
        var settings = GatewayInstance.CoHosted();
        settings["Rooms:MaxMembers"] = "6";
        settings["Cohorts:HeatSize"] = "8";

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayInstance.Start(settings));

        Assert.Contains("Cohorts:HeatSize must be at most Rooms:MaxMembers", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A cohort created by Ina, with Ada and Bo connected over the hub and joined as its students.</summary>
    private async Task<(TestPlayer Instructor, string Code, string Key, RaceClient Ada, RaceClient Bo)> ClassOfTwo(string name)
    {
        var instructor = await _gateway.Register("Ina");
        var (code, key) = await CreateCohort(instructor, name);
        var ada = await RaceClient.Connect(_gateway, await _gateway.Register("Ada"));
        var bo = await RaceClient.Connect(_gateway, await _gateway.Register("Bo"));
        foreach (var student in new[] { ada, bo })
        {
            await Send(HttpMethod.Post, $"/api/cohorts/{code}/join", student.Player);
        }

        return (instructor, code, key, ada, bo);
    }

    private async Task<(string Code, string Key)> CreateCohort(TestPlayer instructor, string name)
    {
        var created = await Json(await Send(HttpMethod.Post, "/api/cohorts", instructor, body: new { name }), HttpStatusCode.Created);
        Assert.Equal(name, created.GetProperty("name").GetString());
        var code = created.GetProperty("code").GetString()!;
        Assert.Equal($"/c/{code}", created.GetProperty("link").GetString());
        return (code, created.GetProperty("instructorKey").GetString()!);
    }

    private static JsonElement Competition(JsonElement cohort, string id) =>
        cohort.GetProperty("competitions").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static JsonElement Round(JsonElement cohort, string id, int round) => Competition(cohort, id).GetProperty("rounds")[round];

    private static async Task<JsonElement> Json(Task<HttpResponseMessage> response, HttpStatusCode status) => await Json(await response, status);

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, not {(int)status}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static Task Refused(HttpResponseMessage response, HttpStatusCode status, string code) =>
        GatewayInstance.ExpectRefusal(response, status, code, response.RequestMessage?.RequestUri?.PathAndQuery ?? "");

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, TestPlayer? player, string? key = null, object? body = null) =>
        _gateway.Send(method, path, player?.Token, body, key);
}
