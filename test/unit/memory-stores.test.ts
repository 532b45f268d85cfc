import { memoryStores } from '../../functions/adapters/memory-stores.ts';
import { storeContract } from '../support/store-contract.ts';

// The same contract the DynamoDB stores pass (test/integration/dynamo-store.test.ts).
storeContract('memory stores', memoryStores);
