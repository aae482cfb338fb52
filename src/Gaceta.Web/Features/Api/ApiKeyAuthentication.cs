using System.Security.Claims;
using System.Text.Encodings.Web;
using Gaceta.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Api;

/// <summary>
/// <c>Authorization: Bearer gk_…</c> on the JSON API. A valid, unrevoked key signs the request in with its
/// role; anything else is anonymous, and the write endpoints then answer 401 as problem details.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticateApiKey.Handler keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string ActorNameClaim = "gaceta:actor-name";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var actor = await keys.HandleAsync(new AuthenticateApiKey.Query(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (actor is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, malformed or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, actor.Id),
                new Claim(ActorNameClaim, actor.Name),
                new Claim(ClaimTypes.Role, actor.Role),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status401Unauthorized, "An API key is needed", "Send a valid key as 'Authorization: Bearer gk_…'. Administrators make keys in the staff area.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "This key's role may not do that", "The key's role lacks the right for this action.");

    private async Task Problem(int status, string title, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(Context);
    }
}
