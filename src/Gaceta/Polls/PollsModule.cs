using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Polls;

/// <summary>Reader polls: showing them, votes, and their administration.</summary>
public static class PollsModule
{
    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddScoped<ReadPolls.Handler>();
        services.AddSingleton<PollDefinitions>();
        services.AddScoped<ReadPollResults.Handler>();
        services.AddScoped<CastVote.Handler>();
        services.AddSingleton<VoteWriter>();
        services.AddSingleton<VoteFormTokens>();
        services.AddScoped<EditPoll.Handler>();
        services.AddScoped<ListPolls.Handler>();
        services.AddScoped<ReadPollEditor.Handler>();
        services.AddScoped<ReadPollNewsletterChoices.Handler>();
        services.AddScoped<ReadPollReport.Handler>();
        services.AddScoped<ExportVotes.Handler>();
        return services;
    }
}
