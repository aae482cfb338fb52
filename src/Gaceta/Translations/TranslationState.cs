using Gaceta.Articles;

namespace Gaceta.Translations;

/// <summary>Where one language version of a story stands against the version it was translated from.</summary>
public enum TranslationState
{
    /// <summary>The story has no article in this language.</summary>
    Missing,

    /// <summary>Written in this language, not translated from another.</summary>
    Original,

    /// <summary>Translated from the source's current revision.</summary>
    UpToDate,

    /// <summary>The source was revised after the revision this translation was made from.</summary>
    Outdated,
}

public static class TranslationStates
{
    /// <summary>The state of <paramref name="language"/>'s version of <paramref name="story"/>.</summary>
    public static TranslationState Of(Story story, string language)
    {
        ArgumentNullException.ThrowIfNull(story);
        var article = story.ArticleIn(language);
        return article is null ? TranslationState.Missing : Of(article, article.SourceLanguage is { } source ? story.ArticleIn(source)?.Revision : null);
    }

    /// <summary>The state of a translation whose source now stands at <paramref name="sourceRevision"/>.</summary>
    public static TranslationState Of(Article article, int? sourceRevision)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Of(article.SourceLanguage, article.SourceRevision, sourceRevision);
    }

    /// <param name="sourceLanguage">The language the version was translated from; null for an original.</param>
    /// <param name="translatedFrom">The source revision the translation matches.</param>
    /// <param name="sourceRevision">The source's revision now, if the source still exists.</param>
    public static TranslationState Of(string? sourceLanguage, int? translatedFrom, int? sourceRevision) =>
        sourceLanguage is null ? TranslationState.Original
        : sourceRevision is { } current && current > (translatedFrom ?? 0) ? TranslationState.Outdated
        : TranslationState.UpToDate;
}
