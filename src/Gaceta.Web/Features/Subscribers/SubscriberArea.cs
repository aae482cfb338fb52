using System.Globalization;
using System.Security.Claims;
using Gaceta.Site;
using Gaceta.Subscribers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// Subscribers' own pages under <c>/newsletters</c>: signed in by an emailed link into a cookie of their own,
/// apart from the staff cookie, sent only to <c>/newsletters</c> paths so reader pages stay cookie-free and
/// cacheable. The cookie carries the subscriber's row id and language, nothing else.
/// </summary>
internal static class SubscriberArea
{
    public const string Scheme = "Subscriber";

    public const string Policy = "Subscriber";

    public const string LanguageClaim = "lang";

    public const string StampClaim = "stamp";

    public const string AccountPath = "/newsletters/account";

    public const string ArchivePath = "/newsletters/archive";

    public static string SignInPath(string language) => $"/{language}/newsletters/sign-in";

    public static string EditionPath(int id) => $"{ArchivePath}/{id.ToString(CultureInfo.InvariantCulture)}";

    public static IServiceCollection AddSubscriberArea(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "gaceta-subscriber";
            cookie.Cookie.Path = "/newsletters";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                // Signed-out readers go to the sign-in form in the language they read in.
                OnRedirectToLogin = context =>
                {
                    var languages = context.HttpContext.RequestServices.GetRequiredService<SiteLanguages>();
                    var language = languages.Find(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? languages.Default;
                    context.Response.Redirect(SignInPath(language.Code));
                    return Task.CompletedTask;
                },
                // A cookie whose session was ended (signed out elsewhere, or the subscriber erased) stops working.
                OnValidatePrincipal = async context =>
                {
                    var principal = context.Principal;
                    var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<CheckSubscriberSession.Handler>();
                    if (principal is null || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var subscriberId)
                        || !await sessions.HandleAsync(new CheckSubscriberSession.Query(subscriberId, principal.FindFirstValue(StampClaim)), context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(Scheme);
                    }
                },
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<SubscriptionOptions>>((cookie, subscriptions) => cookie.ExpireTimeSpan = TimeSpan.FromDays(subscriptions.Value.SessionDays));
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Subscribers/Account", Policy));
        return services;
    }

    public static Task SignInAsync(HttpContext context, int subscriberId, string language, string stamp)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, subscriberId.ToString(CultureInfo.InvariantCulture)),
                new Claim(LanguageClaim, language),
                new Claim(StampClaim, stamp),
            ],
            Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    /// <summary>After a POST, the page to GET next (303, so a reload never sends the form again).</summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult SeeOther(HttpResponse response, string path)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.Location = path;
        return new Microsoft.AspNetCore.Mvc.StatusCodeResult(StatusCodes.Status303SeeOther);
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>The session stamp the signed-in subscriber's cookie carries.</summary>
    public static string Stamp(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(StampClaim) ?? string.Empty;
    }

    /// <summary>The signed-in subscriber's row id, for pages behind <see cref="Policy"/>.</summary>
    public static int SubscriberId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);
    }

    /// <summary>The language the subscriber reads in, from their cookie; null when not signed in.</summary>
    public static async Task<string?> LanguageAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal.FindFirstValue(LanguageClaim) : null;
    }
}
