namespace Gaceta.Security;

/// <summary>
/// A per-client allowance: at most <see cref="Permits"/> in any sliding <see cref="Window"/>. The name keeps one
/// limit's count apart from another's wherever the counts are kept.
/// </summary>
public sealed record ClientLimit(string Name, int Permits, TimeSpan Window);
