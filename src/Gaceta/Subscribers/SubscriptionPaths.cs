namespace Gaceta.Subscribers;

/// <summary>
/// Subscription links live outside the language prefixes: they are personal (the token is the key), never
/// cached, and shown in the subscriber's language whatever the address says.
/// </summary>
public static class SubscriptionPaths
{
    public static string Confirm(string token) => $"/newsletters/confirm/{token}";

    public static string Unsubscribe(string token) => $"/newsletters/unsubscribe/{token}";

    public static string SignIn(string token) => $"/newsletters/sign-in/{token}";
}
