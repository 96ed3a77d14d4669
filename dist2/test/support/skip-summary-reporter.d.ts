interface TestEventData {
    readonly name: string;
    readonly nesting: number;
    readonly file?: string;
    readonly skip?: string | boolean;
    readonly todo?: string | boolean;
}
interface TestEvent {
    readonly type: string;
    readonly data: TestEventData;
}
declare function skipSummaryReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string>;
export = skipSummaryReporter;
