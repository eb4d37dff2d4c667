using CouchJs.Bench;

// Storage benchmark: per compression (and key order), a fresh file on disk, then the phases in order.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

// The wrapper script passes the command as the user typed it; a direct run shows the dotnet command.
string command = Environment.GetEnvironmentVariable("COUCHJS_BENCH_COMMAND") ?? Environment.CommandLine;
Console.WriteLine($"command: {command}");
var report = new Report(command, options);
foreach (var order in options.Orders)
{
    foreach (var compression in options.Compressions)
    {
        var result = StorageBench.Run(options, compression, order, line => Console.WriteLine($"  {line}"));
        report.Add(result);
    }
}
report.PrintTable(Console.Out);
if (options.ResultsDir is { } dir) Console.WriteLine($"json: {report.WriteJson(dir)}");
return 0;
