namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>Everything a load run's report states: the rounds, the warm-up, the settings, and what else happened during the rounds.</summary>
internal sealed record ReportInput(
    IReadOnlyList<RoundResult> Rounds,
    IReadOnlyList<LoadTarget> Targets,
    WarmUpResult WarmUp,
    double Tolerance,
    int Concurrency,
    TimeSpan Duration,
    int Users,
    long MethodsCompiledDuringRounds,
    long CacheHitsDuringRounds,
    long CacheMissesDuringRounds,
    CognitoCounts CognitoDuringRounds,
    CognitoCounts CognitoWholeRun,
    double? LoadAverageBefore,
    double? LoadAverageAfter);
