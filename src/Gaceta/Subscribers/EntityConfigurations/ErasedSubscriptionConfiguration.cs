using Gaceta.Newsletters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Subscribers.EntityConfigurations;

/// <summary>How <see cref="ErasedSubscription"/> is stored.</summary>
internal sealed class ErasedSubscriptionConfiguration : IEntityTypeConfiguration<ErasedSubscription>
{
    public void Configure(EntityTypeBuilder<ErasedSubscription> erased)
    {
        erased.HasOne<Newsletter>().WithMany().HasForeignKey(e => e.NewsletterId).OnDelete(DeleteBehavior.Restrict);
    }
}
