namespace TypingRace.Engine.Leaderboards;

public enum LeaderboardScope
{
    Global,
    Guide,
    Passage,
    Cohort,
}

public enum LeaderboardPeriod
{
    Daily,
    Weekly,
    AllTime,
}

public enum LeaderboardRanking
{
    Speed,
    Accuracy,
}
