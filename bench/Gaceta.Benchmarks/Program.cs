using BenchmarkDotNet.Running;
using Gaceta.Benchmarks;

if (args is ["search-latency", .. var rest])
{
    return await SearchLatency.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
