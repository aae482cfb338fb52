using System.Collections.Frozen;

namespace Gaceta.Newsletters;

/// <summary>
/// The few interface words an edition's mail carries, by language. The English text is the key; the core sends
/// mail from the web host and from the command line alike, so these live here rather than in the web host's
/// resources.
/// </summary>
public static class EditionWords
{
    public const string ReadMore = "Read the full story";
    public const string OnlyIn = "Not yet translated; here is the original in {0}.";
    public const string WhyYouGetThis = "You receive {0} because you subscribed to it.";
    public const string Unsubscribe = "Unsubscribe";
    public const string ReadOnline = "Read this edition on the web";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Translations =
        new Dictionary<string, FrozenDictionary<string, string>>
        {
            ["es"] = new Dictionary<string, string>
            {
                [ReadMore] = "Leer la noticia completa",
                [OnlyIn] = "Aún sin traducir; este es el original en {0}.",
                [WhyYouGetThis] = "Recibe {0} porque se suscribió.",
                [Unsubscribe] = "Darse de baja",
                [ReadOnline] = "Leer esta edición en la web",
            }.ToFrozenDictionary(),
        }.ToFrozenDictionary();

    /// <summary>Every key, for the test that checks each has a translation.</summary>
    public static IReadOnlyList<string> Keys { get; } = [ReadMore, OnlyIn, WhyYouGetThis, Unsubscribe, ReadOnline];

    /// <summary>Languages with translations (English needs none).</summary>
    public static IEnumerable<string> TranslatedLanguages => Translations.Keys;

    /// <summary><paramref name="key"/> in <paramref name="language"/>, or the English key when there is no translation.</summary>
    public static string In(string language, string key) =>
        Translations.TryGetValue(language, out var words) && words.TryGetValue(key, out var word) ? word : key;
}
