namespace Gaceta.Articles;

/// <summary>
/// The reader pages a change to a story touches: its articles in every language, the front pages, and the
/// listings of the sections and authors it was or is filed under. The web host evicts exactly these.
/// </summary>
public sealed record ReaderChange(int StoryId, IReadOnlyCollection<int> SectionIds, IReadOnlyCollection<int> AuthorIds);
