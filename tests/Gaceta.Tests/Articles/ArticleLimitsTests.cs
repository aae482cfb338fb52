using System.Globalization;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Articles;

/// <summary>One set of field limits: the database columns and the editor's messages say the same numbers.</summary>
public sealed class ArticleLimitsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string, string, int, string> Fields => new()
    {
        { nameof(Article), nameof(Article.Headline), ArticleLimits.Headline, NewsroomErrors.HeadlineTooLong },
        { nameof(Article), nameof(Article.Standfirst), ArticleLimits.Standfirst, NewsroomErrors.StandfirstTooLong },
        { nameof(Article), nameof(Article.LeadImageAlt), ArticleLimits.ImageAlt, NewsroomErrors.ImageAltTooLong },
        { nameof(Story), nameof(Story.WireCredit), ArticleLimits.WireCredit, NewsroomErrors.WireCreditTooLong },
        { nameof(Correction), nameof(Correction.Text), ArticleLimits.Correction, NewsroomErrors.CorrectionTooLong },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void TheColumn_AndTheMessage_FollowTheLimit(string entity, string property, int limit, string message)
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<GacetaDb>().Model;
        var type = model.GetEntityTypes().Single(t => t.ClrType.Name == entity && !t.IsOwned());

        Assert.Equal(limit, type.FindProperty(property)!.GetMaxLength());
        Assert.Contains(limit.ToString("N0", CultureInfo.GetCultureInfo("en-US")), message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASlug_IsNoLongerThanTheEditorAllows()
    {
        Assert.Contains(ArticleLimits.Slug.ToString(CultureInfo.InvariantCulture), NewsroomErrors.SlugInvalid, StringComparison.Ordinal);
        Assert.True(Slugs.FromText(new string('a', 500)).Length <= ArticleLimits.Slug);
    }
}
